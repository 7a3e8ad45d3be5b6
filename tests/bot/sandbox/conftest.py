"""The stand-in Bot API on a real uvicorn server on 127.0.0.1, and python-telegram-bot's Bot pointed at it.

One server serves the whole session; each test gets a fresh World behind it (the server forwards to
whatever app the current test installed), so tests stay independent without paying for a restart."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx
import pytest
import uvicorn
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.sandbox.botapi import BotApi, make_botapi_app
from bot.sandbox.world import World
from support.sandbox_helpers import Clock


@dataclass
class Server:
    base: str
    apps: dict = field(default_factory=dict)  # path prefix -> ASGI app, for the current test


@dataclass
class Sandbox:
    world: World
    clock: Clock
    bot: Bot
    api: BotApi
    base: str

    def url(self, method: str) -> str:
        return f"{self.base}/bot{self.world.token}/{method}"

    def people(self, *names: str) -> list[int]:
        return [self.world.add_user(name) for name in names]

    def group(self, *members: int, title: str = "Class 3B parents") -> int:
        chat_id = self.world.add_group(title)
        for member in members:
            self.world.add_member(chat_id, member)
        return chat_id

    def new_bot(self, **request: float) -> Bot:
        """Another client of the same world, with its own timeouts."""
        return Bot(self.world.token, base_url=f"{self.base}/bot", base_file_url=f"{self.base}/file/bot",
                   request=HTTPXRequest(**request) if request else None)


@pytest.fixture(scope="session")
def sent_objects() -> list[tuple[str, dict, dict]]:
    """(method, parameters, answer) for every call any test made, checked against the spec at the end."""
    return []


@pytest.fixture(scope="session")
async def server():
    apps: dict = {}

    async def forward(scope, receive, send):
        path = scope.get("path", "")
        prefix = next((prefix for prefix in apps if prefix and path.startswith(prefix)), "")
        await apps[prefix](scope, receive, send)

    config = uvicorn.Config(forward, host="127.0.0.1", port=0, lifespan="off", log_level="warning",
                            timeout_graceful_shutdown=1)
    uvicorn_server = uvicorn.Server(config)
    task = asyncio.create_task(uvicorn_server.serve())
    while not uvicorn_server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = uvicorn_server.servers[0].sockets[0].getsockname()[1]
    yield Server(f"http://127.0.0.1:{port}", apps)
    uvicorn_server.should_exit = True
    await task


@pytest.fixture
async def sandbox(server, sent_objects):
    clock = Clock()
    world = World(clock=clock)
    app = make_botapi_app(world, observer=lambda method, params, body: sent_objects.append((method, params, body)))
    server.apps[""] = app
    bot = Bot(world.token, base_url=f"{server.base}/bot", base_file_url=f"{server.base}/file/bot")
    await bot.initialize()
    yield Sandbox(world, clock, bot, app.state.botapi, server.base)
    await bot.shutdown()
    await app.state.botapi.aclose()
    for prefix in [prefix for prefix in server.apps if prefix]:
        del server.apps[prefix]


@pytest.fixture
async def raw(server):
    async with httpx.AsyncClient(timeout=5) as client:
        yield client
