"""The HTTP side: health checks now; the Telegram webhook, WeChat endpoints and the sandbox mount here too."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text

from bot.runtime import Runtime


def make_app(runtime: Runtime, *, platforms=(), routers=(), mounts=()) -> FastAPI:
    """`platforms` are async context managers started with the app and stopped with it; `routers` add
    endpoints (webhooks, the sandbox page); `mounts` are (path, ASGI app) pairs such as the Bot API stand-in."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        for platform in platforms:
            await runtime.exit_stack.enter_async_context(platform)
        try:
            yield
        finally:
            await runtime.close()

    app = FastAPI(title="ClassBridge", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.runtime = runtime
    for router in routers:
        app.include_router(router)

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        try:
            async with runtime.engine.connect() as connection:
                revision = await connection.scalar(text("SELECT version_num FROM alembic_version"))
        except Exception as error:  # any store failure means "not healthy", with the reason
            return JSONResponse({"status": "error", "database": type(error).__name__}, status_code=503)
        return JSONResponse({"status": "ok", "database": runtime.engine.dialect.name, "schema": revision})

    for path, asgi_app in mounts:
        app.mount(path, asgi_app)
    return app
