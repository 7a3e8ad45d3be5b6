"""GET|POST /wechat/work: the WeCom self-built app's (自建应用) callback URL, so teachers can use their
commands inside WeCom. WeCom always encrypts: the URL check decrypts `echostr`, and every message and
passive reply is sealed with the app's token and EncodingAESKey."""
from __future__ import annotations

import time

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from wechatpy.enterprise import parse_message
from wechatpy.enterprise.replies import TextReply

from bot.wechat.bodies import Refused, bounded_body, no_answer, parsed
from bot.wechat.bridge import WeChatBridge
from bot.wechat.envelope import BadEnvelope, Envelope
from bot.wechat.updates import to_incoming

PLATFORM = "wecom"


def wecom_router(bridge: WeChatBridge, *, corp_id: str, envelope: Envelope) -> APIRouter:
    router = APIRouter()

    def signature(request: Request) -> tuple[str, str, str]:
        query = request.query_params
        return query.get("msg_signature", ""), query.get("timestamp", ""), query.get("nonce", "")

    @router.get("/wechat/work")
    async def verify_url(request: Request) -> Response:
        try:
            return PlainTextResponse(envelope.echo(*signature(request), request.query_params.get("echostr", "")))
        except BadEnvelope:
            return Response(status_code=403)

    @router.post("/wechat/work")
    async def receive(request: Request) -> Response:
        try:
            body = await bounded_body(request)
            try:
                xml = envelope.open(body, *signature(request))
            except BadEnvelope as error:
                raise Refused(403 if "Signature" in str(error) else 400, "cannot open the message") from None
            message = parsed(parse_message, xml)
        except Refused as refused:
            return refused.response
        # WeCom user ids are the names the company gave its members, fit to show on a roster.
        update = to_incoming(PLATFORM, corp_id, message, message.source)
        if update is None:
            return no_answer()
        text = await bridge.answer(update)
        if not text:
            return no_answer()
        reply = TextReply(source=message.target, target=message.source, agent=message.agent,
                          content=text.replace("]]>", "]] >")).render()
        _msg, timestamp, nonce = signature(request)
        return Response(envelope.seal(reply, timestamp or str(int(time.time())), nonce or None),
                        media_type="application/xml")

    return router
