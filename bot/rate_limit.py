"""Keeping to the platforms' sending limits, on the clock the worker is given (so tests need no sleeping).

Each limit is a sliding window: at most `count` sends in any `per` seconds. A send is checked against
every window it falls in (the platform's overall limit, and its chat's) and counted in all of them."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from handlers.core.messages import ChatRef

if TYPE_CHECKING:
    from bot.settings import Settings


@dataclass(frozen=True)
class Limit:
    count: int
    per: float  # seconds


@dataclass(frozen=True)
class Limits:
    # Telegram's published guidance; WeCom documents 20 a minute per group robot.
    overall: Limit = Limit(30, 1.0)
    group: Limit = Limit(20, 60.0)
    private: Limit = Limit(1, 1.0)
    # Edits are spread evenly (20 a minute is one every 3 s), so a tally never freezes for most of a minute.
    group_edits: Limit = Limit(1, 3.0)
    robot: Limit = Limit(20, 60.0)
    robot_platforms: frozenset[str] = frozenset({"wecom_robot"})
    # Seconds each window is stretched by: requests reach the platform after a varying delay, so two
    # sends our clock sees exactly `per` apart may arrive closer together and earn a 429.
    margin: float = 0.0


def limits_from(settings: Settings) -> Limits:
    return Limits(
        overall=Limit(settings.send_limit_per_second, 1.0),
        group=Limit(settings.send_limit_group_per_minute, 60.0),
        private=Limit(settings.send_limit_private_per_second, 1.0),
        group_edits=Limit(1, 60.0 / settings.edit_limit_group_per_minute),
        robot=Limit(settings.send_limit_wecom_robot_per_minute, 60.0),
        margin=0.05,
    )


@dataclass
class RateLimiter:
    limits: Limits = field(default_factory=Limits)
    _windows: dict[tuple, deque[float]] = field(default_factory=dict)
    _paused: dict[tuple, float] = field(default_factory=dict)

    def _rules(self, chat: ChatRef, edit: bool) -> list[tuple[tuple, Limit]]:
        limits = self.limits
        if chat.is_private:
            own = limits.private
        elif chat.platform in limits.robot_platforms:
            own = limits.robot
        else:
            own = limits.group_edits if edit else limits.group
        kind = "edit" if edit else "send"
        return [(("overall", chat.platform), limits.overall), ((kind, chat.platform, chat.chat_id), own)]

    def wait(self, chat: ChatRef, now: datetime, *, edit: bool = False) -> float:
        """Seconds until a send to `chat` keeps within every limit; 0 means now."""
        moment, margin = now.timestamp(), self.limits.margin
        longest = max(0.0, self._paused.get(("send", chat.platform, chat.chat_id), 0.0) - moment)
        for key, limit in self._rules(chat, edit):
            window = self._windows.get(key)
            if window is None:
                continue
            while window and window[0] <= moment - limit.per - margin:
                window.popleft()
            if len(window) >= limit.count:
                longest = max(longest, window[-limit.count] + limit.per + margin - moment)
        return longest

    def try_acquire(self, chat: ChatRef, now: datetime, *, edit: bool = False) -> float:
        """Counts a send to `chat` and returns 0 if it may go now; otherwise returns the wait, counting nothing."""
        delay = self.wait(chat, now, edit=edit)
        if delay > 0:
            return delay
        for key, _limit in self._rules(chat, edit):
            self._windows.setdefault(key, deque()).append(now.timestamp())
        return 0.0

    def pause(self, chat: ChatRef, now: datetime, seconds: float) -> None:
        """The platform said "retry after": nothing more to that chat until then."""
        key = ("send", chat.platform, chat.chat_id)
        self._paused[key] = max(self._paused.get(key, 0.0), now.timestamp() + seconds)

    def headroom(self, platforms: list[str], now: datetime) -> int:
        """How many sends the overall limits allow now, summed over `platforms`: what is worth claiming."""
        moment, free, per = now.timestamp(), 0, self.limits.overall.per + self.limits.margin
        for platform in platforms:
            window = self._windows.get(("overall", platform), deque())
            free += max(0, self.limits.overall.count - sum(1 for t in window if t > moment - per))
        return free

    def until_room(self, platforms: list[str], now: datetime) -> float:
        """Seconds until the overall limit of some platform frees a slot."""
        moment, limit = now.timestamp(), self.limits.overall
        per = limit.per + self.limits.margin
        waits = [window[-limit.count] + per - moment
                 for window in (self._windows.get(("overall", p), deque()) for p in platforms)
                 if len([t for t in window if t > moment - per]) >= limit.count]
        return max(0.0, min(waits)) if len(waits) == len(platforms) and waits else 0.0
