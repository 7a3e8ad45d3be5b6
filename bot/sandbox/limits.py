"""Telegram's flood limits, on by default, measured on an injectable clock so tests never sleep.

- A group: at most `group_per_minute` messages in any sliding 60 s.
- All chats together: at most `global_per_second` messages in any sliding 1 s.
- A private chat: a token bucket refilled at `private_per_second` holding up to `private_burst` tokens.
  Telegram tolerates short bursts to one person and then slows you to about one a second; a bucket of
  3 lets a reply plus a follow-up or two through, yet a loop that spams one user still hits 429.
- Edits are not sends and do not use up the budgets above, but Telegram throttles edits in a group
  to about 20 a minute as well, so group edits have their own sliding window (`group_edits_per_minute`).

Every item of a media group is one message for the group and global windows. For the private bucket a
whole album costs one token, because Telegram delivers a 10-photo album to a person without a 429.
Only accepted messages are counted: a request answered 429 costs nothing."""
from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Limits:
    enabled: bool = True
    group_per_minute: int = 20
    global_per_second: int = 30
    private_per_second: float = 1.0
    private_burst: int = 3
    group_edits_per_minute: int = 20


class TooManyRequests(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"retry after {retry_after}")
        self.retry_after = retry_after


def _wait(seconds: float) -> int:
    return max(1, math.ceil(seconds - 1e-9))


class _Window:
    """Moments of accepted events, forgetting those older than `span` seconds."""

    def __init__(self, span: float):
        self.span = span
        self.moments: deque[float] = deque()

    def retry_after(self, now: float, allowed: int, wanted: int) -> int | None:
        while self.moments and now - self.moments[0] >= self.span:
            self.moments.popleft()
        if len(self.moments) + wanted <= allowed:
            return None
        if wanted > allowed:
            return _wait(self.span)
        # The oldest moments have to leave the window before `wanted` more fit.
        must_leave = len(self.moments) + wanted - allowed
        return _wait(self.moments[must_leave - 1] + self.span - now)

    def add(self, now: float, count: int) -> None:
        self.moments.extend([now] * count)


class _Bucket:
    def __init__(self, tokens: float, now: float):
        self.tokens, self.updated = tokens, now

    def retry_after(self, now: float, rate: float, burst: int) -> int | None:
        self.tokens = min(burst, self.tokens + (now - self.updated) * rate)
        self.updated = now
        return None if self.tokens >= 1 else _wait((1 - self.tokens) / rate)

    def take(self) -> None:
        self.tokens -= 1


class RateLimiter:
    def __init__(self, limits: Limits, clock: Callable[[], float]):
        self.limits = limits
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self._groups: dict[int, _Window] = defaultdict(lambda: _Window(60.0))
        self._group_edits: dict[int, _Window] = defaultdict(lambda: _Window(60.0))
        self._everything = _Window(1.0)
        self._private: dict[int, _Bucket] = {}

    def _bucket(self, chat_id: int, now: float) -> _Bucket:
        if chat_id not in self._private:
            self._private[chat_id] = _Bucket(float(self.limits.private_burst), now)
        return self._private[chat_id]

    def check_send(self, chat_id: int, is_group: bool, count: int = 1) -> None:
        """Raises TooManyRequests when `count` messages may not go to the chat now."""
        if not self.limits.enabled:
            return
        now = self.clock()
        waits = [self._everything.retry_after(now, self.limits.global_per_second, count)]
        if is_group:
            waits.append(self._groups[chat_id].retry_after(now, self.limits.group_per_minute, count))
        else:
            waits.append(self._bucket(chat_id, now).retry_after(
                now, self.limits.private_per_second, self.limits.private_burst))
        waits = [wait for wait in waits if wait is not None]
        if waits:
            raise TooManyRequests(max(waits))

    def record_send(self, chat_id: int, is_group: bool, count: int = 1) -> None:
        now = self.clock()
        self._everything.add(now, count)
        if is_group:
            self._groups[chat_id].add(now, count)
        elif self.limits.enabled:
            self._bucket(chat_id, now).take()

    def check_edit(self, chat_id: int, is_group: bool) -> None:
        if not (self.limits.enabled and is_group):
            return
        wait = self._group_edits[chat_id].retry_after(self.clock(), self.limits.group_edits_per_minute, 1)
        if wait is not None:
            raise TooManyRequests(wait)

    def record_edit(self, chat_id: int, is_group: bool) -> None:
        if is_group:
            self._group_edits[chat_id].add(self.clock(), 1)
