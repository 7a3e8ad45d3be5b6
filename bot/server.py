"""`classbridge run`: migrate, then serve the HTTP app with the platforms until Ctrl-C."""
from __future__ import annotations

import logging

import uvicorn

from bot import migrate
from bot.app import make_app
from bot.runtime import build_runtime
from bot.settings import Settings

log = logging.getLogger(__name__)


def serve(settings: Settings) -> int:
    migrate.upgrade(settings.database_url)
    runtime = build_runtime(settings)
    app = make_app(runtime)
    url = f"http://{settings.http_host}:{settings.http_port}"
    log.info("ClassBridge is listening on %s", url)
    if settings.sandbox:
        print(f"\n  ClassBridge sandbox: open {url}/sandbox\n", flush=True)
    config = uvicorn.Config(app, host=settings.http_host, port=settings.http_port, log_level="warning",
                            lifespan="on")
    # uvicorn turns Ctrl-C into a graceful shutdown, which runs the app's lifespan exit.
    uvicorn.Server(config).run()
    return 0
