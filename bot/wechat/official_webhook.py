"""GET|POST /wechat/official: the Official Account's (服务号) server URL.

Every request carries `signature` over the account's token; in safe mode (encrypt_type=aes) the body is
sealed too and the passive reply is sealed the same way. Plain mode stays accepted, as WeChat's
"compatible mode" sends both."""
from __future__ import annotations

import time

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from wechatpy import parse_message
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from bot.wechat.bodies import Refused, bounded_body, no_answer, parsed
from bot.wechat.bridge import WeChatBridge
from bot.wechat.envelope import BadEnvelope, Envelope
from bot.wechat.updates import to_incoming

PLATFORM = "wechat_oa"


def display_name(openid: str) -> str:
    # Since 2021 WeChat tells an account nobody's nickname; the roster shows this plus the relation given
    # when joining ("妈妈").
    return f"微信用户{openid[-4:]}"


def official_router(bridge: WeChatBridge, *, app_id: str, token: str, envelope: Envelope | None) -> APIRouter:
    router = APIRouter()

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
        return PlainTextResponse(request.query_params.get("echostr", ""))

    @router.post("/wechat/official")
    async def receive(request: Request) -> Response:
        if not signed(request):
            return Response(status_code=403)
        query = request.query_params
        safe = query.get("encrypt_type", "raw").lower() == "aes"
        try:
            body = await bounded_body(request)
            if safe and envelope is None:
                raise Refused(400, "safe mode is not configured (WECHAT_OA_AES_KEY)")
            if safe:
                try:
                    xml = envelope.open(body, query.get("msg_signature", ""), query.get("timestamp", ""),
                                        query.get("nonce", ""))
                except BadEnvelope as error:
                    raise Refused(403 if "Signature" in str(error) else 400, "cannot open the message") from None
            else:
                xml = body
            message = parsed(parse_message, xml)
        except Refused as refused:
            return refused.response
        update = to_incoming(PLATFORM, app_id, message, display_name(message.source))
        if update is None:
            return no_answer()
        text = await bridge.answer(update)
        if not text:
            return no_answer()
        reply = TextReply(source=message.target, target=message.source, content=text.replace("]]>", "]] >")).render()
        if safe:
            reply = envelope.seal(reply, query.get("timestamp") or str(int(time.time())), query.get("nonce"))
        return Response(reply, media_type="application/xml")

    return router
