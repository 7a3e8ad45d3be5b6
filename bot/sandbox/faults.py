"""Injected failures for resilience tests, drawn from a seeded generator so a run can be replayed.

- "5xx": the answer is 502 Bad Gateway and nothing changes.
- "timeout": the answer is held back for `timeout_seconds` (a real delay, meant to exceed the client's
  read timeout) and then is 504; nothing is stored. Real Telegram sometimes does deliver a message whose
  answer timed out, so a retry duplicates it; the stand-in keeps the simpler rule that a timed-out call
  had no effect, and a client that retries gets exactly one message.
- "429": a flood wait begins for the chat the request addresses (or for the whole bot when the method
  has no chat): every affected call to it is answered 429 until `burst_retry_after` seconds have
  passed on the world's clock.

Only `methods` are affected; by default those that send, edit or delete, so polling and set-up work."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

SENDING_METHODS = frozenset({
    "sendmessage", "sendphoto", "senddocument", "sendmediagroup", "sendvoice", "editmessagetext",
    "editmessagereplymarkup", "editmessagecaption", "deletemessage",
})


@dataclass
class Faults:
    error_5xx_rate: float = 0.0
    timeout_rate: float = 0.0
    timeout_seconds: float = 5.0
    burst_429_rate: float = 0.0
    burst_retry_after: int = 5
    seed: int | None = 0
    methods: frozenset[str] = SENDING_METHODS
    _random: random.Random = field(init=False, repr=False)
    _flood_until: dict = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self):
        self._random = random.Random(self.seed)
        self.methods = frozenset(name.lower() for name in self.methods)

    def draw(self, method: str, chat_key: object, now: float) -> tuple[str, float] | None:
        """("5xx", 0), ("timeout", seconds), ("429", retry_after) or None for a normal answer."""
        if method.lower() not in self.methods:
            return None
        until = self._flood_until.get(chat_key, 0.0)
        if now < until:
            return "429", until - now
        roll = self._random.random()
        if roll < self.error_5xx_rate:
            return "5xx", 0.0
        roll -= self.error_5xx_rate
        if roll < self.timeout_rate:
            return "timeout", self.timeout_seconds
        roll -= self.timeout_rate
        if roll < self.burst_429_rate:
            self._flood_until[chat_key] = now + self.burst_retry_after
            return "429", float(self.burst_retry_after)
        return None
