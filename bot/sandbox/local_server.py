"""Serving an ASGI app on a free port of 127.0.0.1 inside the running event loop: how the tests and the
benches put the Bot API stand-in (and the whole app) on a real socket."""
from __future__ import annotations

import asyncio
import socket

import uvicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def serve(app, port: int, *, lifespan: str = "on") -> tuple[uvicorn.Server, asyncio.Task]:
    """Returns once the server accepts connections; stop it with `server.should_exit = True; await task`."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan=lifespan,
                                          log_level="warning", timeout_graceful_shutdown=2))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # start-up failed: raise why
        await asyncio.sleep(0.01)
    return server, task
