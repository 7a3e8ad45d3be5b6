"""Reading what WeChat posts: a bounded body, parsed as a WeChat message, refused clearly when it is not.

Refusals happen before anything is written, so a broken request never leaves a processed update."""
from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from fastapi.responses import PlainTextResponse

from bot.wechat.updates import Malformed

MAX_BODY = 64 * 1024  # WeChat's messages are a few hundred bytes; anything this big is not from WeChat


class Refused(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.response = PlainTextResponse(reason, status_code=status)


async def bounded_body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise Refused(413, "body too large")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, "body too large")
    return body


def parsed(parse: Callable, xml: str | bytes):
    """wechatpy's message for `xml`; any XML that is not a WeChat message is the sender's mistake."""
    try:
        message = parse(xml)
    except Exception:  # expat errors, a missing MsgType, a field of the wrong type
        raise Refused(400, "not a WeChat message") from None
    if message is None or not getattr(message, "source", None):
        raise Refused(400, "not a WeChat message")
    return message


def well_formed(to_incoming: Callable, *args):
    """`to_incoming(*args)`, with a malformed field (a MsgId that is no number) refused as the sender's."""
    try:
        return to_incoming(*args)
    except Malformed as error:
        raise Refused(400, f"malformed field: {error}") from None


def no_answer() -> PlainTextResponse:
    """WeChat reads "success" as "received, no reply": it neither retries nor shows an error."""
    return PlainTextResponse("success")
