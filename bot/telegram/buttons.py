"""Button data: compact enough for Telegram's 64 bytes, and signed so that a forged press is refused.

Anyone can send a callback query with any data they like (Telegram does not check it against the buttons
we sent), so the data carries a short HMAC of its content."""
from __future__ import annotations

import base64
import hashlib
import hmac

from handlers.core.messages import ButtonPress

MAX_BYTES = 64  # Telegram's limit for callback_data
SIGNATURE_CHARS = 10  # 60 bits: forging one by guessing takes ~10^18 tries


class ButtonCodec:
    def __init__(self, secret: bytes):
        self._secret = secret

    def _sign(self, payload: str) -> str:
        digest = hmac.new(self._secret, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_CHARS]

    def encode(self, action: str, args: tuple[str, ...]) -> str:
        parts = (action, *map(str, args))
        if any(":" in part or "~" in part for part in parts):
            raise ValueError(f"button parts may not contain ':' or '~': {parts!r}")
        payload = ":".join(parts)
        data = f"{payload}~{self._sign(payload)}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"button data over {MAX_BYTES} bytes: {payload!r}")
        return data

    def decode(self, data: str | None) -> ButtonPress | None:
        """The press, or None when the data was not made by us (or was changed)."""
        if not data or "~" not in data:
            return None
        payload, _, signature = data.rpartition("~")
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        action, *args = payload.split(":")
        return ButtonPress(action, tuple(args))
