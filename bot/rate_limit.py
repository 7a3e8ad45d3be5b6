"""Keeping to the platforms' sending limits, on the clock the worker is given (so tests need no sleeping).

Each limit is a sliding window: at most `count` sends in any `per` seconds. A send is checked against
every window it falls in (the platform's overall limit, and its chat's) and counted in all of them.

The platform counts a send when the request reaches it, which is some time after we decided to send and
before its answer is back. A send begun with `try_start` therefore holds its place in every window while
it is in flight and is counted at the moment `finish` is told it completed: any send the platform counted
in the second before a new one arrives has then either completed within our second too, or is still in
flight, so our windows never hold fewer sends than the platform's. `try_acquire` counts at once, for
sends whose completion is not seen (a reply carried in a webhook's answer), as if `unseen_delay` later."""
from __future__ import annotations

from bisect import bisect_right, insort
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
    # Seconds each window is stretched by, for what counting at completion does not cover: our clock and
    # the platform's may run at slightly different rates.
    margin: float = 0.0
    # How long after `try_acquire` the send it counted may still reach the platform (a webhook's answer is
    # written after the decision): it is counted as that much later.
    unseen_delay: float = 0.0


def limits_from(settings: Settings) -> Limits:
    return Limits(
        overall=Limit(settings.send_limit_per_second, 1.0),
        group=Limit(settings.send_limit_group_per_minute, 60.0),
        private=Limit(settings.send_limit_private_per_second, 1.0),
        group_edits=Limit(1, 60.0 / settings.edit_limit_group_per_minute),
        robot=Limit(settings.send_limit_wecom_robot_per_minute, 60.0),
        margin=0.01,
        unseen_delay=0.05,
    )


@dataclass
class _Window:
    moments: list[float] = field(default_factory=list)  # counted sends' moments, sorted
    in_flight: int = 0  # begun and not yet finished: each may reach the platform at any moment from now

    def forget(self, moment: float, span: float) -> None:
        del self.moments[:bisect_right(self.moments, moment - span)]

    def held(self, moment: float, span: float) -> list[float]:
        """The moments that take a place at `moment` (now or ahead), in flight ones as if counted then."""
        moments = self.moments[bisect_right(self.moments, moment - span):]
        # Sorted, as a moment counted with `unseen_delay` may lie ahead of sends in flight.
        return sorted(moments + [moment] * self.in_flight) if self.in_flight else moments


@dataclass
class RateLimiter:
    limits: Limits = field(default_factory=Limits)
    _windows: dict[tuple, _Window] = field(default_factory=dict)
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
            window.forget(moment, limit.per + margin)
            held = window.held(moment, limit.per + margin)
            if len(held) >= limit.count:
                longest = max(longest, held[-limit.count] + limit.per + margin - moment)
        return longest

    def try_acquire(self, chat: ChatRef, now: datetime, *, edit: bool = False) -> float:
        """Counts a send to `chat` and returns 0 if it may go now; otherwise returns the wait, counting nothing."""
        delay = self.wait(chat, now, edit=edit)
        if delay > 0:
            return delay
        for key, _limit in self._rules(chat, edit):
            insort(self._windows.setdefault(key, _Window()).moments, now.timestamp() + self.limits.unseen_delay)
        return 0.0

    def try_start(self, chat: ChatRef, now: datetime, *, edit: bool = False, ahead: float = 0.0) -> float:
        """Like `try_acquire`, but the send takes its place until `finish` counts it: call that, whatever the
        outcome, once the request is over.

        A wait of at most `ahead` seconds is returned with the place already taken, so the send goes once
        it has waited that long, and a later call is given the place after it, not the same one."""
        delay = self.wait(chat, now, edit=edit)
        if delay > ahead:
            return delay
        for key, _limit in self._rules(chat, edit):
            self._windows.setdefault(key, _Window()).in_flight += 1
        return delay

    def finish(self, chat: ChatRef, now: datetime, *, edit: bool = False) -> None:
        """A send begun with `try_start` is over at `now`: counted then, as the platform may have counted it
        at any moment until its answer came (a 429 or a time-out included: the request may have got there)."""
        for key, _limit in self._rules(chat, edit):
            window = self._windows[key]
            window.in_flight -= 1
            insort(window.moments, now.timestamp())

    def pause(self, chat: ChatRef, now: datetime, seconds: float) -> None:
        """The platform said "retry after": nothing more to that chat until then."""
        key = ("send", chat.platform, chat.chat_id)
        self._paused[key] = max(self._paused.get(key, 0.0), now.timestamp() + seconds)

    def _overall_held(self, platforms: list[str], moment: float) -> list[list[float]]:
        per = self.limits.overall.per + self.limits.margin
        return [self._windows.get(("overall", p), _Window()).held(moment, per) for p in platforms]

    def headroom(self, platforms: list[str], now: datetime, ahead: float = 0.0) -> int:
        """How many sends the overall limits allow `ahead` seconds from now, summed over `platforms`: what is
        worth claiming."""
        count = self.limits.overall.count
        return sum(max(0, count - len(held)) for held in self._overall_held(platforms, now.timestamp() + ahead))

    def until_room(self, platforms: list[str], now: datetime) -> float:
        """Seconds until the overall limit of some platform frees a slot (at the soonest, for sends in flight)."""
        moment, limit = now.timestamp(), self.limits.overall
        per = limit.per + self.limits.margin
        waits = [held[-limit.count] + per - moment
                 for held in self._overall_held(platforms, moment) if len(held) >= limit.count]
        return max(0.0, min(waits)) if len(waits) == len(platforms) and waits else 0.0
