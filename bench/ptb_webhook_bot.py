"""python-telegram-bot on its own, as the yardstick: PTB's own webhook server (Updater.start_webhook) feeding
PTB's own dispatch, with a handler that does nothing (`noop`) or only sends one reply (`reply`).

    python -m bench.ptb_webhook_bot noop|reply --port P --api-base URL --token T --secret S --expect N

Run as its own process, as a bot is. It prints "ready" once it listens, then "handled" when N updates
have been through the handler (PTB answers the webhook before it dispatches, so the answers alone
would not say the work is done)."""
from __future__ import annotations

import argparse
import asyncio

from telegram import Update
from telegram.ext import Application, TypeHandler


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("handler", choices=["noop", "reply"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api-base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--expect", type=int, required=True)
    options = parser.parse_args()
    done = asyncio.Event()
    handled = 0

    async def noop(update: Update, _context) -> None:
        nonlocal handled
        handled += 1
        if handled == options.expect:
            done.set()

    async def reply(update: Update, context) -> None:
        await context.bot.send_message(update.effective_chat.id, "✅")
        await noop(update, context)

    application = (Application.builder().token(options.token).base_url(f"{options.api_base}/bot")
                   .base_file_url(f"{options.api_base}/file/bot").build())
    application.add_handler(TypeHandler(Update, noop if options.handler == "noop" else reply))
    async with application:
        await application.start()
        await application.updater.start_webhook(
            listen="127.0.0.1", port=options.port, url_path="telegram/webhook", secret_token=options.secret,
            webhook_url=f"http://127.0.0.1:{options.port}/telegram/webhook")
        print("ready", flush=True)
        await done.wait()
        print("handled", flush=True)
        await application.updater.stop()
        await application.stop()


if __name__ == "__main__":
    asyncio.run(main())
