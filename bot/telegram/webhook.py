"""POST /telegram/webhook: Telegram's webhook, served by our own ASGI app.

The update is committed before we answer 200, so if the process dies mid-way Telegram's retry covers it;
a retry of an update we did apply is recognised by its key and applies nothing. The answer itself may
carry the first reply; the others are in the outbox (see `TelegramBridge.answer_webhook`)."""
from __future__ import annotations

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
        # The other replies are in the outbox with the update, so a slow send never makes Telegram retry.
        answer = await bridge.answer_webhook(update)
        return JSONResponse(answer) if answer is not None else Response(status_code=200)

    return router
