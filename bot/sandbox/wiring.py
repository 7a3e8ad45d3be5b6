"""`make run` with no token: the Bot API stand-in, the page, and the real Telegram bridge pointed at them."""
from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager

from bot.demo import add_demo_class, demo_exists
from bot.platforms import Wiring
from bot.push_delivery import make_worker
from bot.runtime import Runtime
from bot.sandbox.botapi import make_botapi_app
from bot.sandbox.cast import populate
from bot.sandbox.clock import SandboxClock
from bot.sandbox.history import add_history_from_store
from bot.sandbox.page import sandbox_router
from bot.sandbox.time_travel import TimeTravel
from bot.sandbox.world import World
from bot.telegram.bridge import TelegramBridge

BOT_USERNAME = "ClassBridgeBot"


def local_base(runtime: Runtime) -> str:
    host = runtime.settings.http_host
    host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{host}:{runtime.settings.http_port}"


@asynccontextmanager
async def running_sandbox(world: World, runtime: Runtime, bridge: TelegramBridge):
    if isinstance(runtime.clock, SandboxClock):
        await runtime.clock.load(runtime.sessions)  # a restart carries on at the sandbox's time
    await populate(world, runtime.sessions)
    await add_history_from_store(world, runtime.sessions, bridge.messenger)
    # The stand-in is served by this very app, which accepts connections only after start-up: the bridge
    # starts in the background and connects as soon as it can.
    starting = asyncio.create_task(bridge.start_when_reachable())
    try:
        yield world
    finally:
        starting.cancel()
        await asyncio.gather(starting, return_exceptions=True)
        await bridge.stop()


def sandbox_world(runtime: Runtime) -> World:
    clock = runtime.clock
    if not isinstance(clock, SandboxClock):
        return World(bot_username=BOT_USERNAME)
    # Messages are dated on the sandbox's clock; Telegram's flood limits run on real time, and a jump of
    # the sandbox's clock empties their windows as it does ours.
    return World(bot_username=BOT_USERNAME, dates=lambda: clock.now().timestamp(),
                 clock=lambda: time.monotonic() + clock.offset.total_seconds())


def sandbox_wiring(runtime: Runtime) -> Wiring:
    world = sandbox_world(runtime)
    base = local_base(runtime)
    settings = runtime.settings
    bridge = TelegramBridge(runtime, token=world.token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot",
                            button_secret=settings.button_secret.get_secret_value() if settings.button_secret else None)
    wiring = Wiring(
        mounts=[("/", make_botapi_app(world))],
        bridges=[bridge],
        messengers={"telegram": bridge.messenger},
        world=world,
    )
    time_travel = None
    if isinstance(runtime.clock, SandboxClock):
        # wiring.messengers, not a copy: WeChat's messengers join it later (bot/platforms.py).
        time_travel = TimeTravel(runtime.clock, runtime.sessions, lambda: make_worker(runtime, wiring.messengers),
                                 on_moved=world.changed.bump)
    wiring.platforms.append(running_sandbox(world, runtime, bridge))
    wiring.routers.append(sandbox_router(world, runtime.sessions, time_travel=time_travel,
                                         timezone=settings.default_timezone,
                                         run_demo=lambda: run_demo(world, runtime, bridge)))
    return wiring


async def run_demo(world: World, runtime: Runtime, bridge: TelegramBridge) -> str:
    """The page's "try the demo": `classbridge demo` in this process, so its people and posts show at once."""
    async with runtime.sessions.begin() as session:
        if await demo_exists(session):
            return "demo_exists"
        await add_demo_class(session, runtime.settings.default_timezone, runtime.clock.now())
    await populate(world, runtime.sessions)
    await add_history_from_store(world, runtime.sessions, bridge.messenger)
    return "demo_seeded"
