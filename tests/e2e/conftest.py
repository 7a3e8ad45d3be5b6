"""End-to-end fixtures: the whole sandbox (`make run` with no token) on a free port, per test."""
import pytest

from bot.runtime import build_runtime
from bot.sandbox.local_server import free_port
from bot.sandbox.wiring import sandbox_wiring
from bot.settings import Settings
from support.live import start_live


@pytest.fixture
async def live(database_url, clock):
    settings = Settings(database_url=database_url, http_port=free_port())
    runtime = build_runtime(settings, clock=clock)
    live, server, task = await start_live(runtime, sandbox_wiring(runtime))
    yield live
    await live.bridge.stop()  # first, so no long poll is left open when the server goes
    server.should_exit = True
    await task


from support.webhook_side import hooked  # noqa: E402, F401  (the webhook-mode bot, a fixture)
