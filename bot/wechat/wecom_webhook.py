"""GET|POST /wechat/work: the WeCom self-built app's (自建应用) callback URL, so teachers can use their
commands inside WeCom. WeCom always encrypts: the URL check decrypts `echostr`, and every message and
passive reply is sealed with the app's token and EncodingAESKey; the timestamp and nonce make a sealed
request good only once (`replays.py`)."""
from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from wechatpy.enterprise import parse_message
from wechatpy.enterprise.replies import TextReply

from bot.wechat.bodies import Refused, bounded_body, no_answer, parsed, well_formed
from bot.wechat.bridge import WeChatBridge
from bot.wechat.envelope import BadEnvelope, Envelope
from bot.wechat.replays import Nonces, signed_moment
from bot.wechat.updates import to_incoming

PLATFORM = "wecom"


def wecom_router(bridge: WeChatBridge, *, corp_id: str, envelope: Envelope) -> APIRouter:
    router = APIRouter()
    nonces = Nonces(bridge.sessions, PLATFORM)

    def signature(request: Request) -> tuple[str, str, str]:
        query = request.query_params
        return query.get("msg_signature", ""), query.get("timestamp", ""), query.get("nonce", "")

    @router.get("/wechat/work")
    async def verify_url(request: Request) -> Response:
        try:
            echo = envelope.echo(*signature(request), request.query_params.get("echostr", ""))
        except BadEnvelope:
            return Response(status_code=403)
        try:
            signed_moment(request.query_params.get("timestamp", ""), bridge.clock)
        except Refused as refused:
            return refused.response
        return PlainTextResponse(echo)

    @router.post("/wechat/work")
    async def receive(request: Request) -> Response:
        _msg, timestamp, nonce = signature(request)
        try:
            body = await bounded_body(request)
            try:
                xml = envelope.open(body, *signature(request))
            except BadEnvelope as error:
                raise Refused(403 if "Signature" in str(error) else 400, "cannot open the message") from None
            # After the signature: a forged request is told it is forged, not that it is late.
            signed_at = signed_moment(timestamp, bridge.clock)
            message = parsed(parse_message, xml)
            # WeCom user ids are the names the company gave its members, fit to show on a roster.
            update = well_formed(to_incoming, PLATFORM, corp_id, message, message.source)
            await nonces.check(nonce, signed_at, xml)
        except Refused as refused:
            return refused.response
        if update is None:
            return no_answer()
        text = await bridge.answer(update)
        if not text:
            return no_answer()
        reply = TextReply(source=message.target, target=message.source, agent=message.agent,
                          content=text.replace("]]>", "]] >")).render()
        return Response(envelope.seal(reply, timestamp, nonce), media_type="application/xml")

    return router
