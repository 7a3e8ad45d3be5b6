"""WeChat's safe mode (安全模式): AES-encrypted message bodies signed with the account's token, for the
Official Account (key + AppID) and WeCom (key + CorpID). wechatpy does the cryptography; sealing is
spelled out here so that the 16 random bytes WeChat puts before each message can be fixed in tests."""
from __future__ import annotations

import secrets
import string

from wechatpy.crypto import PrpCrypto, WeChatCrypto
from wechatpy.enterprise.crypto import PrpCrypto as WeComPrpCrypto
from wechatpy.enterprise.crypto import WeChatCrypto as WeComCrypto
from wechatpy.utils import WeChatSigner, to_text

SEALED = """<xml>
<Encrypt><![CDATA[{encrypt}]]></Encrypt>
<MsgSignature><![CDATA[{signature}]]></MsgSignature>
<TimeStamp>{timestamp}</TimeStamp>
<Nonce><![CDATA[{nonce}]]></Nonce>
</xml>"""


class BadEnvelope(Exception):
    """The body is not a message sealed for this account: a wrong signature, key or id, or garbage."""


def signature_of(*parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def random_nonce() -> str:
    return "".join(secrets.choice(string.digits) for _ in range(10))


class Envelope:
    def __init__(self, token: str, aes_key: str, account_id: str, *, wecom: bool = False,
                 random_prefix: str | None = None):
        self.token, self.account_id, self.random_prefix = token, account_id, random_prefix
        self.crypto = (WeComCrypto if wecom else WeChatCrypto)(token, aes_key, account_id)
        self._prp_class = WeComPrpCrypto if wecom else PrpCrypto

    def open(self, body: bytes, signature: str, timestamp: str, nonce: str) -> str:
        try:
            return self.crypto.decrypt_message(body, signature, timestamp, nonce)
        except Exception as error:  # wrong signature or id, bad base64, bad padding, not XML: all refused
            raise BadEnvelope(type(error).__name__) from error

    def echo(self, signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """WeCom's URL check: the decrypted echostr proves we hold the key."""
        if not isinstance(self.crypto, WeComCrypto):
            raise TypeError("only WeCom checks its URL with an encrypted echostr")
        try:
            return self.crypto.check_signature(signature, timestamp, nonce, echostr)
        except Exception as error:
            raise BadEnvelope(type(error).__name__) from error

    def encrypt(self, text: str) -> str:
        prp = self._prp_class(self.crypto.key)
        if self.random_prefix is not None:
            prp.get_random_string = lambda: self.random_prefix
        return to_text(prp.encrypt(text, self.account_id))

    def seal(self, xml: str, timestamp: str, nonce: str | None = None) -> str:
        nonce = nonce or random_nonce()
        encrypt = self.encrypt(xml)
        return SEALED.format(encrypt=encrypt, signature=signature_of(self.token, timestamp, nonce, encrypt),
                             timestamp=timestamp, nonce=nonce)
