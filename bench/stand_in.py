"""The sandbox's Bot API stand-in on a real local port, with the real Telegram messenger pointed at it, so a
bench measures the adapter, HTTP and Telegram's limits as the bot meets them."""
from __future__ import annotations

from collections import Counter
from contextlib import asynccontextmanager

from telegram import Bot

from bot.sandbox.botapi import make_botapi_app
from bot.sandbox.limits import Limits
from bot.sandbox.local_server import free_port, serve
from bot.sandbox.world import World
from bot.telegram.buttons import ButtonCodec
from bot.telegram.messenger import TelegramMessenger


class StandInCounts:
    """What the stand-in accepted, in the shape the fan-out report reads."""

    def __init__(self, world: World):
        self.world = world

    @property
    def delivered(self) -> Counter:
        return Counter({chat: len(moments) for chat, moments in self.world.stats.accepted.items() if moments})

    @property
    def sent_at(self) -> list[float]:
        return [moment for moments in self.world.stats.accepted.values() for moment in moments]

    @property
    def too_many(self) -> int:
        return self.world.stats.too_many_requests


@asynccontextmanager
async def running_stand_in(limits: Limits | None = None):
    """Yields (world, base URL, a started PTB Bot, the Telegram messenger, the stand-in's BotApi)."""
    world = World(limits=limits or Limits())
    port = free_port()
    app = make_botapi_app(world)
    server, task = await serve(app, port, lifespan="off")
    base = f"http://127.0.0.1:{port}"
    bot = Bot(world.token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot")
    await bot.initialize()
    try:
        yield world, base, bot, TelegramMessenger(bot, ButtonCodec(b"bench")), app.state.botapi
    finally:
        await bot.shutdown()
        await app.state.botapi.aclose()
        server.should_exit = True
        await task
