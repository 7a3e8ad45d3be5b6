"""`classbridge run`: migrate, then serve the HTTP app with the platforms until Ctrl-C."""
from __future__ import annotations

import logging

import uvicorn

from bot import migrate
from bot.app import make_app
from bot.platforms import build_wiring
from bot.push_delivery import running_pushes
from bot.runtime import build_runtime
from bot.settings import Settings

log = logging.getLogger(__name__)


class Server(uvicorn.Server):
    """Stops the chat platforms before the HTTP side closes: a long poll still waiting on the sandbox's own
    Bot API would otherwise hold the shutdown up and end in connection errors."""

    def __init__(self, config: uvicorn.Config, bridges: list):
        super().__init__(config)
        self.bridges = bridges

    async def shutdown(self, sockets=None) -> None:
        for bridge in self.bridges:
            await bridge.stop()
        await super().shutdown(sockets)


def serve(settings: Settings) -> int:
    migrate.upgrade(settings.database_url)
    runtime = build_runtime(settings)
    wiring = build_wiring(runtime)
    platforms = [*wiring.platforms, running_pushes(runtime, wiring.messengers)]
    app = make_app(runtime, platforms=platforms, routers=wiring.routers, mounts=wiring.mounts)
    url = f"http://{settings.http_host}:{settings.http_port}"
    if settings.sandbox:
        print(f"\n  ClassBridge sandbox is starting: open {url}/sandbox\n", flush=True)
    else:
        print(f"\n  ClassBridge is starting on Telegram; health check at {url}/healthz\n", flush=True)
    config = uvicorn.Config(app, host=settings.http_host, port=settings.http_port, log_level="warning",
                            lifespan="on")
    # uvicorn turns Ctrl-C into a graceful shutdown, which runs the app's lifespan exit.
    Server(config, wiring.bridges).run()
    return 0
