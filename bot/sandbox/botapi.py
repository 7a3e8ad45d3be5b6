"""The stand-in Bot API over HTTP: POST|GET /bot{token}/{method} and GET /file/bot{token}/{file_path}.

Mount the app where a client's base URL points, e.g. `app.mount("/tg", make_botapi_app(world))` and
`Bot(token, base_url=".../tg/bot", base_file_url=".../tg/file/bot")`. Method names are matched without
regard to case, as Telegram does."""
from __future__ import annotations

import asyncio
import math
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.sandbox import chats_api, editing_api, sending_api, updates_api
from bot.sandbox.params import ApiError, Params, too_many
from bot.sandbox.webhook_pusher import WebhookPusher
from bot.sandbox.world import World

UNAUTHORIZED = ApiError(401, "Unauthorized")
METHOD_NOT_FOUND = ApiError(404, "Not Found: method not found")

# Called with (method name as the spec spells it, parameters, the JSON answered) after every call.
Observer = Callable[[str, dict, dict], None]


class BotApi:
    def __init__(self, world: World, observer: Observer | None = None):
        self.world = world
        self.observer = observer
        self.pusher = WebhookPusher(world, on_answer=self.call_from_webhook_answer)
        self.poll_generation = 0
        handlers = {**updates_api.METHODS, **sending_api.METHODS, **editing_api.METHODS, **chats_api.METHODS}
        self.methods = {name.lower(): (name, handler) for name, handler in handlers.items()}

    @property
    def method_names(self) -> list[str]:
        return [name for name, _ in self.methods.values()]

    async def endpoint(self, request: Request) -> Response:
        if request.path_params["token"] != self.world.token:
            return _error(UNAUTHORIZED)
        params, unreadable = Params({}), None
        try:
            params = await Params.from_request(request)
        except ApiError as error:
            unreadable = error  # still counted and observed as a call of that method, as before parsing
        body, status = await self.call(request.path_params["method"], params, unreadable)
        return JSONResponse(body, status_code=status)

    async def call(self, spelled: str, params: Params, unreadable: ApiError | None = None) -> tuple[dict, int]:
        """One method call, however it came (HTTP, or a webhook's answer): counted, faults injected, and
        answered with Telegram's body and status."""
        world = self.world
        if spelled.lower() not in self.methods:
            world.stats.calls[spelled] += 1
            return METHOD_NOT_FOUND.body(), METHOD_NOT_FOUND.code
        name, handler = self.methods[spelled.lower()]
        world.stats.calls[name] += 1
        try:
            if unreadable is not None:
                raise unreadable
            await self._inject_fault(name, params)
            body, status = {"ok": True, "result": await handler(self, params)}, 200
        except ApiError as error:
            body, status = error.body(), error.code
            if error.code == 429:
                world.stats.too_many_requests += 1
        if self.observer is not None:
            self.observer(name, params.values, body)
        return body, status

    async def call_from_webhook_answer(self, answer: dict) -> None:
        """Telegram runs the method a webhook names in its answer and tells nobody how it went."""
        values = dict(answer)
        method = values.pop("method", None)
        if isinstance(method, str):
            await self.call(method, Params(values))

    async def _inject_fault(self, name: str, params: Params) -> None:
        faults = self.world.faults
        if faults is None:
            return
        drawn = faults.draw(name, params.text("chat_id"), self.world.clock())
        if drawn is None:
            return
        kind, amount = drawn
        self.world.stats.faults[kind] += 1
        if kind == "5xx":
            raise ApiError(502, "Bad Gateway")
        if kind == "timeout":
            await asyncio.sleep(amount)
            raise ApiError(504, "Gateway Timeout")
        raise too_many(max(1, math.ceil(amount)))

    async def download(self, request: Request) -> Response:
        if request.path_params["token"] != self.world.token:
            return _error(UNAUTHORIZED)
        stored = self.world.files.by_path.get(request.path_params["file_path"])
        if stored is None:
            return _error(ApiError(404, "Not Found"))
        return Response(stored.data, media_type=stored.mime_type or "application/octet-stream")

    async def aclose(self) -> None:
        """Stops webhook delivery; mounted apps get no shutdown event of their own."""
        await self.pusher.aclose()


def _error(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.code)


def make_botapi_app(world: World, *, observer: Observer | None = None) -> Starlette:
    api = BotApi(world, observer)
    app = Starlette(routes=[
        Route("/bot{token}/{method}", api.endpoint, methods=["GET", "POST"]),
        Route("/file/bot{token}/{file_path:path}", api.download, methods=["GET"]),
    ])
    app.state.botapi = api
    return app
