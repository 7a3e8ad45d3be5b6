"""Webhook mode: Telegram (here the stand-in) posts updates to /telegram/webhook with a secret header."""
import httpx
import pytest
from e2e.cast import TEACHER
from e2e.live import Live
from sqlalchemy import func, select

from bot.app import make_app
from bot.runtime import build_runtime
from bot.sandbox.botapi import make_botapi_app
from bot.sandbox.cast import populate
from bot.sandbox.local_server import free_port, serve
from bot.sandbox.world import World
from bot.settings import Settings
from bot.telegram.bridge import TelegramBridge
from bot.telegram.webhook import SECRET_HEADER, webhook_router
from models import ProcessedUpdate

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
    try:
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


async def test_updates_arrive_through_the_webhook(hooked):
    assert hooked.world.webhook.url.endswith("/telegram/webhook")
    answer = await hooked.reply_to(TEACHER, TEACHER, "/help")
    assert "家校桥" in answer["text"]


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_processed(hooked):
    async with httpx.AsyncClient(base_url=hooked.base) as client:
        wrong = await client.post("/telegram/webhook", json=an_update(90001), headers={SECRET_HEADER: "guess"})
        missing = await client.post("/telegram/webhook", json=an_update(90002))
    assert wrong.status_code == 403 and missing.status_code == 403
    assert await processed(hooked) == 0
    assert hooked.bot_messages(TEACHER) == []


async def test_a_redelivered_update_is_applied_and_answered_once(hooked):
    hooked.world.users[TEACHER].started = True  # these updates are posted by hand, not typed in the chat
    async with httpx.AsyncClient(base_url=hooked.base) as client:
        for _ in range(3):  # Telegram retries when it did not see our 200 in time
            response = await client.post("/telegram/webhook", json=an_update(90003),
                                         headers={SECRET_HEADER: SECRET})
            assert response.status_code == 200
        await hooked.until(lambda: hooked.bot_messages(TEACHER), "the answer")
        # A fourth, different update proves that replies are flowing, so a duplicate would have shown.
        await client.post("/telegram/webhook", json=an_update(90004, "/lang zh"), headers={SECRET_HEADER: SECRET})
    await hooked.until(lambda: len(hooked.bot_messages(TEACHER)) >= 2, "the second answer")
    assert len(hooked.bot_messages(TEACHER)) == 2
    assert await processed(hooked) == 2


async def test_a_malformed_body_is_a_400(hooked):
    async with httpx.AsyncClient(base_url=hooked.base) as client:
        response = await client.post("/telegram/webhook", content=b"{not json", headers={SECRET_HEADER: SECRET})
    assert response.status_code == 400
    assert await processed(hooked) == 0
