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
_nonces = itertools.count(1_320_000_001)


def message_xml(source: str, to: str, kind: str, **fields) -> str:
    parts = [f"<ToUserName><![CDATA[{to}]]></ToUserName>", f"<FromUserName><![CDATA[{source}]]></FromUserName>",
             f"<CreateTime>{next(_seconds)}</CreateTime>", f"<MsgType><![CDATA[{kind}]]></MsgType>"]
    parts += [f"<{name}>{escape(str(value))}</{name}>" for name, value in fields.items()]
    if kind != "event":
        parts.append(f"<MsgId>{next(_ids)}</MsgId>")
    return "<xml>" + "".join(parts) + "</xml>"


def fresh_nonce() -> str:
    return str(next(_nonces))


class WeChatUser:
    """One follower of the Official Account. `safe` seals every message as WeChat's safe mode does (the only
    mode accepted when the account has an AES key); each request is signed at the clock's time with a nonce
    of its own, as WeChat's servers do."""

    def __init__(self, client: httpx.AsyncClient, clock, openid: str, *, safe: bool = True):
        self.client, self.clock, self.openid, self.safe = client, clock, openid, safe
        self.envelope = Envelope(OA_TOKEN, OA_AES_KEY, OA_APP_ID)
        self.last: tuple[dict, bytes] | None = None

    def query(self, timestamp: str | None = None, nonce: str | None = None) -> dict:
        timestamp = timestamp or str(int(self.clock.now().timestamp()))
        nonce = nonce or fresh_nonce()
        return {"signature": signature_of(OA_TOKEN, timestamp, nonce), "timestamp": timestamp, "nonce": nonce,
                "openid": self.openid}

    def sealed(self, xml: str, query: dict) -> tuple[dict, bytes]:
        """The query and body WeChat's safe mode posts for `xml`."""
        sealed = xmltodict.parse(self.envelope.seal(xml, query["timestamp"], query["nonce"]))["xml"]
        query = dict(query, encrypt_type="aes", msg_signature=sealed["MsgSignature"])
        body = (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
                f"<Encrypt><![CDATA[{sealed['Encrypt']}]]></Encrypt></xml>")
        return query, body.encode()

    async def post_xml(self, xml: str, query: dict | None = None) -> httpx.Response:
        query = dict(query or self.query())
        query, body = self.sealed(xml, query) if self.safe else (query, xml.encode())
        return await self.post(query, body)

    async def post(self, query: dict, body: bytes) -> httpx.Response:
        self.last = (query, body)
        return await self.client.post("/wechat/official", params=query, content=body)

    async def send(self, text: str) -> httpx.Response:
        return await self.post_xml(message_xml(self.openid, "gh_test", "text", Content=text))

    async def image(self, media_id: str) -> httpx.Response:
        return await self.post_xml(
            message_xml(self.openid, "gh_test", "image", PicUrl="http://x/y.jpg", MediaId=media_id)
        )

    async def event(self, event: str, key: str = "") -> httpx.Response:
        return await self.post_xml(message_xml(self.openid, "gh_test", "event", Event=event, EventKey=key))

    async def resend(self) -> httpx.Response:
        """WeChat's retry: the very same request again."""
        return await self.post(*self.last)

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

    def __init__(self, client: httpx.AsyncClient, clock, user_id: str):
        self.client, self.clock, self.user_id = client, clock, user_id
        self.envelope = Envelope(WECOM_TOKEN, WECOM_AES_KEY, CORP_ID, wecom=True)
        self.last: tuple[dict, bytes] | None = None

    def sealed(self, xml: str, timestamp: str | None = None, nonce: str | None = None) -> tuple[dict, bytes]:
        timestamp = timestamp or str(int(self.clock.now().timestamp()))
        nonce = nonce or fresh_nonce()
        sealed = xmltodict.parse(self.envelope.seal(xml, timestamp, nonce))["xml"]
        body = (
            f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName>"
            f"<Encrypt><![CDATA[{sealed['Encrypt']}]]></Encrypt></xml>"
        )
        return {"msg_signature": sealed["MsgSignature"], "timestamp": timestamp, "nonce": nonce}, body.encode()

    async def send(self, text: str) -> httpx.Response:
        return await self.post(*self.sealed(message_xml(self.user_id, CORP_ID, "text", Content=text, AgentID=1000002)))

    async def post(self, query: dict, body: bytes) -> httpx.Response:
        self.last = (query, body)
        return await self.client.post("/wechat/work", params=query, content=body)

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
