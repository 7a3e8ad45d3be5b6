"""A stand-in for Telegram's sending limits, on real time: it answers 429 with retry_after when a
bot sends more than 30 messages a second overall, 20 a minute to one group or 1 a second to one
private chat, and records what it accepted so the bench can count duplicates and losses."""
from __future__ import annotations

import asyncio
import math
import random
import time
from collections import Counter, defaultdict, deque

from handlers.core.messages import ChatRef, Reply
from handlers.core.ports import RetryLater


class LimitedMessenger:
    def __init__(self, *, overall: int = 30, group_per_minute: int = 20, private_per_second: int = 1,
                 latency: tuple[float, float] = (0.01, 0.04), seed: int = 1):
        self.rules = {
            "overall": (overall, 1.0),
            "group": (group_per_minute, 60.0),
            "private": (private_per_second, 1.0),
        }
        self.latency, self.rng = latency, random.Random(seed)
        self.windows: dict[tuple, deque[float]] = defaultdict(deque)
        self.delivered: Counter[str] = Counter()
        self.sent_at: list[float] = []
        self.too_many = 0

    def _check(self, key: tuple, rule: str, moment: float) -> float:
        count, per = self.rules[rule]
        window = self.windows[key]
        while window and window[0] <= moment - per:
            window.popleft()
        return window[-count] + per - moment if len(window) >= count else 0.0

    async def send(self, chat: ChatRef, reply: Reply) -> str | None:
        await asyncio.sleep(self.rng.uniform(*self.latency))  # the request's way to the server
        moment = time.monotonic()
        own = ("private", chat.chat_id) if chat.is_private else ("group", chat.chat_id)
        keys = [(("overall",), "overall"), (own, own[0])]
        wait = max(self._check(key, rule, moment) for key, rule in keys)
        if wait > 0:
            self.too_many += 1
            raise RetryLater(math.ceil(wait), "Too Many Requests")
        for key, _rule in keys:
            self.windows[key].append(moment)
        self.delivered[reply.text] += 1
        self.sent_at.append(moment)
        return str(len(self.sent_at))
