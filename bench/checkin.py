"""Check-ins through the full path — update in, stored, reply out — against python-telegram-bot's own dispatch.

    python -m bench.checkin [--families 1000] [--postgres-url URL | --no-postgres]

Every run feeds the same `/checkin` updates (one per family, each for its own child) to three PTB
Applications whose Bot talks HTTP to the sandbox's Bot API stand-in (limits off, to measure cost, not
Telegram's pacing): PTB's no-op dispatch, PTB dispatch with a handler that only sends a reply, and
ClassBridge's bridge (dispatcher, store, reply). It prints updates per second and the ratios, on SQLite
and on PostgreSQL (a throwaway cluster, like the tests', unless a URL is given)."""
from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from telegram import Update
from telegram.ext import Application, TypeHandler

from bench.checkin_seed import parent_name, seed_class
from bench.stand_in import running_stand_in
from bot import migrate
from bot.runtime import build_runtime
from bot.sandbox.limits import Limits
from bot.settings import Settings
from bot.telegram.bridge import TelegramBridge
from models.engine import make_engine


def updates(bot, user_ids: list[int], first_id: int) -> list[Update]:
    return [Update.de_json({"update_id": first_id + n, "message": {
        "message_id": n + 1, "date": 1790000000, "text": "/checkin",
        "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        "from": {"id": user, "is_bot": False, "first_name": parent_name(user), "language_code": "zh"},
        "chat": {"id": user, "type": "private", "first_name": parent_name(user)}}}, bot)
        for n, user in enumerate(user_ids)]


async def rate_of(application: Application, batch: list[Update], concurrency: int) -> float:
    """Updates per second, with up to `concurrency` updates in flight (each family's are independent)."""
    pending = iter(batch)

    async def lane():
        for update in pending:
            await application.process_update(update)

    started = time.perf_counter()
    await asyncio.gather(*(lane() for _ in range(concurrency)))
    return len(batch) / (time.perf_counter() - started)


def plain_application(token: str, base: str, handler) -> Application:
    application = (Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
                   .updater(None).build())
    application.add_handler(TypeHandler(Update, handler))
    return application


async def measure(database_url: str, families: int, concurrency: int) -> dict[str, float]:
    engine = make_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.upgrade(database_url, connection=sync))
    await engine.dispose()
    async with running_stand_in(Limits(enabled=False)) as (world, base, _bot, _messenger):
        runtime = build_runtime(Settings(database_url=database_url))
        user_ids = await seed_class(runtime, world, families)
        noop = plain_application(world.token, base, lambda update, context: asyncio.sleep(0))

        async def reply_only(update, context):
            await context.bot.send_message(update.effective_chat.id, "✅")

        echo = plain_application(world.token, base, reply_only)
        bridge = TelegramBridge(runtime, token=world.token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot",
                                rate_limited=False)
        rates = {}
        for name, application in (("no-op dispatch", noop), ("reply-only", echo), ("ClassBridge check-in", bridge.application)):
            await application.initialize()
            # Each runs the same families' check-ins once; the update ids differ so none is a re-delivery.
            rates[name] = await rate_of(application, updates(application.bot, user_ids, 10_000 * (len(rates) + 1)),
                                       concurrency)
            await application.shutdown()
        before = world.stats.calls.get("sendMessage", 0)
        assert before >= 2 * families, "every update was answered"
        await runtime.close()
    rates["concurrency"] = concurrency
    return rates


async def empty(url: str) -> None:
    """Back to an empty schema, so the next measurement seeds the same class again."""
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.downgrade(url, "base", connection=sync))
    await engine.dispose()


def report(database: str, rates: dict[str, float]) -> None:
    ours, noop, echo = rates["ClassBridge check-in"], rates["no-op dispatch"], rates["reply-only"]
    print(f"[{database}, {rates['concurrency']:.0f} in flight] no-op dispatch {noop:,.0f}/s · reply-only {echo:,.0f}/s · ClassBridge check-in {ours:,.0f}/s")
    print(f"[{database}] check-in / no-op dispatch = {ours / noop:.3f}; check-in / reply-only dispatch = {ours / echo:.2f}")


def postgres(url: str | None, disabled: bool):
    if disabled:
        return nullcontext(None)
    if url:
        return nullcontext(url)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from postgres import postgres_server  # the tests' throwaway cluster

    return postgres_server()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=1000)
    parser.add_argument("--postgres-url", default=None)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8],
                        help="updates in flight at once; each value is a separate measurement")
    options = parser.parse_args()
    for concurrency in options.concurrency:
        with tempfile.TemporaryDirectory() as directory:
            url = f"sqlite+aiosqlite:///{directory}/checkin.db"
            report("SQLite", asyncio.run(measure(url, options.families, concurrency)))
    try:
        with postgres(options.postgres_url, options.no_postgres) as url:
            if url is None:
                return
            for concurrency in options.concurrency:
                report("PostgreSQL", asyncio.run(measure(url, options.families, concurrency)))
                asyncio.run(empty(url))
    except RuntimeError as error:
        print(f"[PostgreSQL] skipped: {error}")


if __name__ == "__main__":
    main()
