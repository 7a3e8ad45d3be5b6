"""People writing to the Official Account and the WeCom app: real WeChat XML, signed (and sealed in safe
mode) the way WeChat's servers do it, posted to our endpoints."""
from __future__ import annotations

import itertools
from xml.sax.saxutils import escape

import httpx
import xmltodict

from bot.wechat.envelope import Envelope, signature_of

OA_APP_ID, OA_TOKEN, OA_AES_KEY = "wxb11529c136998cb6", "pamtest", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
CORP_ID, WECOM_TOKEN, WECOM_AES_KEY = "wx5823bf96d3bd56c7", "QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
_ids = itertools.count(6_000_000_000_000_000_001)
_seconds = itertools.count(1_795_000_000)


def message_xml(source: str, to: str, kind: str, **fields) -> str:
    parts = [f"<ToUserName><![CDATA[{to}]]></ToUserName>", f"<FromUserName><![CDATA[{source}]]></FromUserName>",
             f"<CreateTime>{next(_seconds)}</CreateTime>", f"<MsgType><![CDATA[{kind}]]></MsgType>"]
    parts += [f"<{name}>{escape(str(value))}</{name}>" for name, value in fields.items()]
    if kind != "event":
        parts.append(f"<MsgId>{next(_ids)}</MsgId>")
    return "<xml>" + "".join(parts) + "</xml>"



def encrypted_body(to: str, encrypted: str) -> str:
    return f"<xml><ToUserName><![CDATA[{to}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"

class WeChatUser:
    """One follower of the Official Account. `safe` seals every message as WeChat's safe mode does."""

    def __init__(self, client: httpx.AsyncClient, openid: str, *, safe: bool = False):
        self.client, self.openid, self.safe = client, openid, safe
        self.envelope = Envelope(OA_TOKEN, OA_AES_KEY, OA_APP_ID)
        self.last_xml = ""

    def query(self, timestamp: str = "1409304348", nonce: str = "xxxxxx") -> dict:
        return {"signature": signature_of(OA_TOKEN, timestamp, nonce), "timestamp": timestamp, "nonce": nonce,
                "openid": self.openid}

    async def post_xml(self, xml: str, query: dict | None = None) -> httpx.Response:
        self.last_xml, query = xml, dict(query or self.query())
        body = xml
        if self.safe:
            sealed = xmltodict.parse(self.envelope.seal(xml, query["timestamp"], query["nonce"]))["xml"]
            query.update(encrypt_type="aes", msg_signature=sealed["MsgSignature"])
            body = encrypted_body("gh_test", sealed["Encrypt"])
        return await self.client.post("/wechat/official", params=query, content=body.encode())

    async def send(self, text: str) -> httpx.Response:
        return await self.post_xml(message_xml(self.openid, "gh_test", "text", Content=text))

    async def image(self, media_id: str) -> httpx.Response:
        return await self.post_xml(
            message_xml(self.openid, "gh_test", "image", PicUrl="http://x/y.jpg", MediaId=media_id)
        )

    async def event(self, event: str, key: str = "") -> httpx.Response:
        return await self.post_xml(message_xml(self.openid, "gh_test", "event", Event=event, EventKey=key))

    async def resend(self) -> httpx.Response:
        """WeChat's retry: the very same message again."""
        return await self.post_xml(self.last_xml)

    def passive_text(self, response: httpx.Response) -> str:
        """The text of the passive reply in `response`, opened if sealed; "" when WeChat got no reply."""
        assert response.status_code == 200, response.text
        if response.text in ("", "success"):
            return ""
        xml = response.text
        if self.safe:
            sealed = xmltodict.parse(xml)["xml"]
            xml = self.envelope.open(xml.encode(), sealed["MsgSignature"], sealed["TimeStamp"], sealed["Nonce"])
        reply = xmltodict.parse(xml)["xml"]
        assert reply["ToUserName"] == self.openid
        return reply["Content"]


class WeComMember:
    """A teacher in the company's WeCom, writing to the self-built app (always sealed)."""

    def __init__(self, client: httpx.AsyncClient, user_id: str):
        self.client, self.user_id = client, user_id
        self.envelope = Envelope(WECOM_TOKEN, WECOM_AES_KEY, CORP_ID, wecom=True)

    async def send(self, text: str) -> httpx.Response:
        xml = message_xml(self.user_id, CORP_ID, "text", Content=text, AgentID=1000002)
        sealed = xmltodict.parse(self.envelope.seal(xml, "1409659813", "1372623149"))["xml"]
        body = encrypted_body(CORP_ID, sealed["Encrypt"])
        return await self.client.post(
            "/wechat/work",
            content=body.encode(),
            params={"msg_signature": sealed["MsgSignature"], "timestamp": "1409659813", "nonce": "1372623149"},
        )

    def passive_text(self, response: httpx.Response) -> str:
        assert response.status_code == 200, response.text
        if response.text in ("", "success"):
            return ""
        sealed = xmltodict.parse(response.text)["xml"]
        reply = xmltodict.parse(
            self.envelope.open(response.text.encode(), sealed["MsgSignature"], sealed["TimeStamp"], sealed["Nonce"])
        )["xml"]
        assert reply["ToUserName"] == self.user_id
        return reply["Content"]
