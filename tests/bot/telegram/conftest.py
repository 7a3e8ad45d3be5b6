"""The Bot API stand-in on a real port, and python-telegram-bot's Bot talking to it."""
import pytest
from telegram import Bot

from bot.sandbox.botapi import make_botapi_app
from bot.sandbox.local_server import free_port, serve
from bot.sandbox.world import World
from bot.telegram.buttons import ButtonCodec
from bot.telegram.messenger import TelegramMessenger


@pytest.fixture
async def stand_in():
    world = World(bot_username="ClassBridgeBot")
    port = free_port()
    app = make_botapi_app(world)
    server, task = await serve(app, port)
    bot = Bot(world.token, base_url=f"http://127.0.0.1:{port}/bot",
              base_file_url=f"http://127.0.0.1:{port}/file/bot")
    await bot.initialize()
    try:
        yield world, bot
    finally:
        await bot.shutdown()
        await app.state.botapi.aclose()
        server.should_exit = True
        await task


@pytest.fixture
def messenger(stand_in):
    return TelegramMessenger(stand_in[1], ButtonCodec(b"test"))
