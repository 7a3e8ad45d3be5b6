"""GET|POST /wechat/official: the Official Account's (服务号) server URL.

Every request carries `signature` over the account's token, timestamp and nonce; in safe mode
(encrypt_type=aes) the body is sealed and signed too, and the passive reply is sealed the same way. With an
AES key only safe mode is accepted (WeChat's "compatible mode" is safe mode with a plain copy beside);
without one, plain mode is, and a timestamp and nonce still make a signed request good only once
(`replays.py`)."""
from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from wechatpy import parse_message
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from bot.wechat.bodies import Refused, bounded_body, no_answer, parsed, well_formed
from bot.wechat.bridge import WeChatBridge
from bot.wechat.envelope import BadEnvelope, Envelope
from bot.wechat.replays import Nonces, signed_moment
from bot.wechat.updates import to_incoming

PLATFORM = "wechat_oa"


def display_name(openid: str) -> str:
    # Since 2021 WeChat tells an account nobody's nickname; the roster shows this plus the relation given
    # when joining ("妈妈").
    return f"微信用户{openid[-4:]}"


def official_router(bridge: WeChatBridge, *, app_id: str, token: str, envelope: Envelope | None) -> APIRouter:
    router = APIRouter()
    nonces = Nonces(bridge.sessions, PLATFORM)

    def signed(request: Request) -> bool:
        query = request.query_params
        try:
            check_signature(token, query.get("signature", ""), query.get("timestamp", ""), query.get("nonce", ""))
        except InvalidSignatureException:
            return False
        return True

    @router.get("/wechat/official")
    async def verify_url(request: Request) -> Response:
        if not signed(request):
            return Response(status_code=403)
        try:
            signed_moment(request.query_params.get("timestamp", ""), bridge.clock)
        except Refused as refused:
            return refused.response
        return PlainTextResponse(request.query_params.get("echostr", ""))

    @router.post("/wechat/official")
    async def receive(request: Request) -> Response:
        if not signed(request):
            return Response(status_code=403)
        query = request.query_params
        safe = query.get("encrypt_type", "raw").lower() == "aes"
        try:
            if envelope is not None and not safe:
                # The plain signature does not cover the body: with a key, only a sealed body proves its sender.
                raise Refused(403, "only safe mode is accepted (WECHAT_OA_AES_KEY is set)")
            if safe and envelope is None:
                raise Refused(400, "safe mode is not configured (WECHAT_OA_AES_KEY)")
            signed_at = signed_moment(query.get("timestamp", ""), bridge.clock)
            body = await bounded_body(request)
            if safe:
                try:
                    xml = envelope.open(body, query.get("msg_signature", ""), query["timestamp"],
                                        query.get("nonce", ""))
                except BadEnvelope as error:
                    raise Refused(403 if "Signature" in str(error) else 400, "cannot open the message") from None
            else:
                xml = body
            message = parsed(parse_message, xml)
            update = well_formed(to_incoming, PLATFORM, app_id, message, display_name(message.source))
            await nonces.check(query.get("nonce", ""), signed_at, xml)
        except Refused as refused:
            return refused.response
        if update is None:
            return no_answer()
        text = await bridge.answer(update)
        if not text:
            return no_answer()
        reply = TextReply(source=message.target, target=message.source, content=text.replace("]]>", "]] >")).render()
        if safe:
            reply = envelope.seal(reply, query["timestamp"], query.get("nonce"))
        return Response(reply, media_type="application/xml")

    return router
