"""End-to-end fixtures: the whole sandbox (`make run` with no token) on a free port, per test."""
import pytest

from bot.push_delivery import make_worker
from bot.runtime import build_runtime
from bot.sandbox.local_server import free_port
from bot.sandbox.wiring import sandbox_wiring
from bot.settings import Settings
from support.live import start_live


@pytest.fixture
async def live(database_url, clock):
    # The tests' clock stands still, so a person's second answer would wait for the private chat's second to
    # pass for ever; the stand-in still keeps Telegram's pace per person, on real time.
    settings = Settings(database_url=database_url, http_port=free_port(), send_limit_private_per_second=1000)
    runtime = build_runtime(settings, clock=clock)
    wiring = sandbox_wiring(runtime)
    # Polled updates' replies are in the outbox: the worker sends them while the test waits for an answer.
    live, server, task = await start_live(runtime, wiring, make_worker(runtime, wiring.messengers))
    yield live
    await live.bridge.stop()  # first, so no long poll is left open when the server goes
    server.should_exit = True
    await task


from support.webhook_side import hooked  # noqa: E402, F401  (the webhook-mode bot, a fixture)
