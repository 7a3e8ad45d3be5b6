"""A stand-in for the WeChat and WeCom HTTP APIs on 127.0.0.1: issues access tokens, records every message
sent (customer-service, template, WeCom app, group robot), keeps uploaded media, and fails on request."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


@dataclass
class Call:
    path: str
    query: dict
    body: dict | None


@dataclass
class WeChatApi:
    calls: list[Call] = field(default_factory=list)
    tokens_issued: int = 0
    media: dict[str, bytes] = field(default_factory=dict)
    # errcodes to answer instead of success, per path, in order: e.g. {"message/custom/send": [45015]}
    faults: dict[str, list[int]] = field(default_factory=dict)
    expire_tokens: bool = False  # every token issued so far becomes invalid (40001)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def sent(self, path: str) -> list[dict]:
        return [call.body for call in self.calls if call.path == path]

    def texts_to(self, user: str) -> list[str]:
        return [body["text"]["content"] for path in ("message/custom/send", "message/send")
                for body in self.sent(path) if body.get("touser") == user and body.get("msgtype") == "text"]

    def robot_posts(self, key: str) -> list[dict]:
        return [call.body for call in self.calls if call.path == "webhook/send" and call.query.get("key") == key]

    def _token(self) -> JSONResponse:
        self.tokens_issued += 1
        self.expire_tokens = False
        return JSONResponse({"access_token": f"TOKEN-{self.tokens_issued}", "expires_in": 7200})

    async def _endpoint(self, request: Request) -> Response:
        path = request.url.path.removeprefix("/cgi-bin/")
        if path in ("token", "gettoken"):
            return self._token()
        if path == "media/get":
            data = self.media.get(request.query_params.get("media_id", ""))
            return Response(data, media_type="image/jpeg") if data else JSONResponse({"errcode": 40007})
        if path != "webhook/send" and (self.expire_tokens or
                                       request.query_params.get("access_token") != f"TOKEN-{self.tokens_issued}"):
            return JSONResponse({"errcode": 40001, "errmsg": "invalid credential"})
        if path == "media/upload":
            form = await request.form()
            media_id = f"MEDIA-{next(self._ids)}"
            self.media[media_id] = await form["media"].read()
            self.calls.append(Call(path, dict(request.query_params), {"media_id": media_id}))
            return JSONResponse({"type": request.query_params.get("type"), "media_id": media_id})
        body = await request.json()
        if self.faults.get(path):
            errcode = self.faults[path].pop(0)
            return JSONResponse({"errcode": errcode, "errmsg": f"error {errcode}"})
        self.calls.append(Call(path, dict(request.query_params), body))
        return JSONResponse({"errcode": 0, "errmsg": "ok"})

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/cgi-bin/{path:path}", self._endpoint, methods=["GET", "POST"])])
