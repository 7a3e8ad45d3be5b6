"""POST /telegram/webhook: Telegram's webhook, served by our own ASGI app.

The update is committed before we answer 200, so if the process dies mid-way Telegram's retry covers it;
a retry of an update we did apply is recognised by its key and does nothing. The answer itself may carry
the reply (see `TelegramBridge.webhook_answer`)."""
from __future__ import annotations

import asyncio
import hmac
import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from telegram import Update

from bot.telegram.bridge import TelegramBridge

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1_000_000


def webhook_router(bridge: TelegramBridge) -> APIRouter:
    router = APIRouter()
    sending: set[asyncio.Task] = set()

    @router.post("/telegram/webhook")
    async def telegram_webhook(request: Request) -> Response:
        expected = (bridge.webhook_secret or "").encode()
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not expected or not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response(status_code=413)
        try:
            update = Update.de_json(await request.json(), bridge.bot)
        except Exception:  # any malformed body is the sender's fault, and nothing was recorded
            return Response(status_code=400)
        outgoing = await bridge.apply(update)
        answer, rest = bridge.webhook_answer(update, outgoing)
        if rest:
            # The rest goes out after the 200, so a slow send never makes Telegram retry a committed update.
            task = asyncio.create_task(bridge.send_rest(rest))
            sending.add(task)
            task.add_done_callback(sending.discard)
        return JSONResponse(answer) if answer is not None else Response(status_code=200)

    return router
