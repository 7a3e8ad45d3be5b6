"""`make run` with no token: the Bot API stand-in, the page, and the real Telegram bridge pointed at them."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from bot.platforms import Wiring
from bot.runtime import Runtime
from bot.sandbox.botapi import make_botapi_app
from bot.sandbox.cast import populate
from bot.sandbox.page import sandbox_router
from bot.sandbox.world import World
from bot.telegram.bridge import TelegramBridge

BOT_USERNAME = "ClassBridgeBot"


def local_base(runtime: Runtime) -> str:
    host = runtime.settings.http_host
    host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{host}:{runtime.settings.http_port}"


@asynccontextmanager
async def running_sandbox(world: World, runtime: Runtime, bridge: TelegramBridge):
    await populate(world, runtime.sessions)
    # The stand-in is served by this very app, which accepts connections only after start-up: the bridge
    # starts in the background and connects as soon as it can.
    starting = asyncio.create_task(bridge.start_when_reachable())
    try:
        yield world
    finally:
        starting.cancel()
        await asyncio.gather(starting, return_exceptions=True)
        await bridge.stop()


def sandbox_wiring(runtime: Runtime) -> Wiring:
    world = World(bot_username=BOT_USERNAME)
    base = local_base(runtime)
    settings = runtime.settings
    bridge = TelegramBridge(runtime, token=world.token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot",
                            button_secret=settings.button_secret.get_secret_value() if settings.button_secret else None)
    return Wiring(
        platforms=[running_sandbox(world, runtime, bridge)],
        routers=[sandbox_router(world, runtime.sessions)],
        mounts=[("/", make_botapi_app(world))],
        bridges=[bridge],
        messengers={"telegram": bridge.messenger},
        world=world,
    )
