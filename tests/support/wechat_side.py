"""Fixtures for the WeChat endpoints in the real app (over ASGI), wired to the store under test and to a stand-in of the
WeChat/WeCom APIs on a real port (wechatpy speaks `requests`, so it needs a real server)."""
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from bot.app import make_app
from bot.fake import FakeMessenger, FakePlatform
from bot.platforms import Wiring
from bot.push_delivery import make_worker
from bot.runtime import build_runtime
from bot.sandbox.local_server import free_port, serve
from bot.settings import Settings
from bot.wechat.wiring import add_wechat
from models import OutboxMessage, OutboxStatus
from support.wechat_api import WeChatApi
from support.wechat_users import (
    CORP_ID,
    OA_AES_KEY,
    OA_APP_ID,
    OA_TOKEN,
    WECOM_AES_KEY,
    WECOM_TOKEN,
)


@pytest.fixture
async def wechat_api():
    api = WeChatApi()
    port = free_port()
    server, task = await serve(api.app(), port)
    api.base_url = f"http://127.0.0.1:{port}/"
    yield api
    server.should_exit = True
    await task


class WeChatSide:
    """The app with both WeChat endpoints; Telegram is a FakeMessenger under the name "telegram"."""

    def __init__(self, runtime, wiring, client, telegram):
        self.runtime, self.wiring, self.client, self.telegram = runtime, wiring, client, telegram
        self.clock = runtime.clock
        self.oa = wiring.wechat_bridges["wechat_oa"]
        self.wecom = wiring.wechat_bridges["wecom"]

    async def settle(self):
        """Waits until every answer sent after an HTTP response has gone out: the late ones are written to the
        outbox, and the delivery worker sends what is due there, as in a run, until nothing is left to send."""
        await self.oa.drain()
        await self.wecom.drain()
        worker = make_worker(self.runtime, self.wiring.messengers)
        for _pass in range(20):
            await worker.run_once()
            async with self.runtime.sessions() as session:
                due = await session.scalar(select(func.min(OutboxMessage.next_attempt_at)).where(
                    OutboxMessage.status == OutboxStatus.pending))
            if due is None or due > self.clock.now() + timedelta(minutes=10):
                return  # nothing left, or only what waits past quiet hours or for a later day
            # What waits (a second answer to one person keeps to the chat's pace, a retry its backoff) is due
            # a few seconds on, on a clock that stands still.
            self.clock.move_to(max(due, self.clock.now()))


@asynccontextmanager
async def wechat_side(database_url, clock, wechat_api, *, oa_aes_key: str | None = OA_AES_KEY):
    """Without `oa_aes_key` the Official Account runs in plain mode."""
    settings = Settings(
        database_url=database_url, wechat_oa_app_id=OA_APP_ID, wechat_oa_app_secret="oa-secret",
        wechat_oa_token=OA_TOKEN, wechat_oa_aes_key=oa_aes_key, wecom_corp_id=CORP_ID, wecom_agent_id="1000002",
        wecom_secret="wecom-secret", wecom_token=WECOM_TOKEN, wecom_aes_key=WECOM_AES_KEY,
        wechat_api_base_url=wechat_api.base_url, wecom_api_base_url=wechat_api.base_url)
    runtime = build_runtime(settings, clock=clock)
    telegram = FakeMessenger()
    wiring = Wiring(messengers={"telegram": telegram})
    add_wechat(runtime, wiring)
    app = make_app(runtime, routers=wiring.routers)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://classbridge") as client:
        side = WeChatSide(runtime, wiring, client, telegram)
        yield side
        await side.settle()
    await runtime.engine.dispose()


@pytest.fixture
async def side(database_url, clock, wechat_api):
    """The Official Account in safe mode (an AES key is set), and the WeCom app."""
    async with wechat_side(database_url, clock, wechat_api) as side:
        yield side


@pytest.fixture
def telegram_platform():
    return FakePlatform("telegram")
