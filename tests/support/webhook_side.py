"""Webhook mode as Telegram uses it: the stand-in Bot API and our app on one port, the webhook set on the
stand-in, and updates posted by hand with the secret header."""
import httpx
import pytest
from sqlalchemy import func, select

from bot.app import make_app
from bot.push_delivery import make_worker
from bot.runtime import build_runtime
from bot.sandbox.botapi import make_botapi_app
from bot.sandbox.cast import populate
from bot.sandbox.local_server import free_port, serve
from bot.sandbox.world import World
from bot.settings import Settings
from bot.telegram.bridge import TelegramBridge
from bot.telegram.webhook import SECRET_HEADER, webhook_router
from models import OutboxMessage, OutboxStatus, ProcessedUpdate
from support.e2e_cast import TEACHER
from support.live import Live

SECRET = "correct-horse-battery-staple"


@pytest.fixture
async def hooked(database_url, clock):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    runtime = build_runtime(Settings(database_url=database_url, http_port=port), clock=clock)
    world = World()
    bridge = TelegramBridge(runtime, token=world.token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot",
                            webhook_url=f"{base}/telegram/webhook", webhook_secret=SECRET)
    app = make_app(runtime, routers=[webhook_router(bridge)], mounts=[("/", make_botapi_app(world))])
    server, task = await serve(app, port)
    await populate(world, runtime.sessions)
    await bridge.start()  # sets the webhook on the stand-in, which then posts every update to us
    # Replies that do not ride in the webhook's answer are in the outbox: the worker sends them, as in a run.
    worker = make_worker(runtime, {"telegram": bridge.messenger})
    try:
        async with worker.running():
            yield Live(world, bridge, runtime, base)
    finally:
        await bridge.stop()
        await app.routes[-1].app.state.botapi.aclose()
        server.should_exit = True
        await task


def an_update(update_id: int, text: str = "/help") -> dict:
    user = {"id": TEACHER, "is_bot": False, "first_name": "王老师", "language_code": "zh"}
    return {"update_id": update_id, "message": {
        "message_id": 500 + update_id, "date": 1790000000, "from": user, "text": text,
        "chat": {"id": TEACHER, "type": "private", "first_name": "王老师"},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]}}


async def processed(live) -> int:
    async with live.runtime.sessions() as session:
        return await session.scalar(select(func.count()).select_from(ProcessedUpdate))


async def pending_in_outbox(live) -> int:
    async with live.runtime.sessions() as session:
        return await session.scalar(select(func.count()).select_from(OutboxMessage)
                                    .where(OutboxMessage.status == OutboxStatus.pending))


async def post(live, update: dict) -> httpx.Response:
    """Posts as Telegram does: to the webhook, with the secret."""
    async with httpx.AsyncClient(base_url=live.base) as client:
        return await client.post("/telegram/webhook", json=update, headers={SECRET_HEADER: SECRET})
