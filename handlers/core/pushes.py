"""A push: a message the bot sends on its own (a reminder, a digest, a notice), not as an answer.

Features describe pushes; the outbox (handlers.core.outbox) stores them and the delivery worker sends them.
Each kind has a grace period: a push that could not go out on time (the bot was down) is still sent
that much later, and skipped with a log line beyond it — a 20:00 reminder is noise the next morning."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.core.messages import Button, ChatRef, Media, PersonTarget


@dataclass(frozen=True)
class Push:
    dedup_key: str  # e.g. "habit-daily:plan=42:day=2026-11-23": the same push always has the same key
    kind: str  # names the grace period and quiet-hours policy, e.g. "habit_daily", "habit_nudge"
    due_at: datetime  # aware UTC: when it should go out (before quiet-hours deferral)
    class_id: int | None  # whose quiet hours and time zone apply
    target: ChatRef | PersonTarget  # a group chat, or a person (sent privately, only if reachable)
    text: str  # already rendered in the target's language
    buttons: tuple[tuple[Button, ...], ...] = ()
    media: tuple[Media, ...] = ()
    urgent: bool = False  # urgent pushes ignore quiet hours
    tally_key: str | None = None  # the message's name for later edits (see handlers.core.tallies)
    robot_text: str | None = None  # what the class's WeCom robot posts instead, where buttons cannot go


DEFAULT_GRACE = timedelta(hours=1)
# Replies to updates share the outbox with pushes. A reply is the answer someone waits for, so it is sent
# however late (after a restart, a long retry_after), within reason.
REPLY_KIND = "reply"
REPLY_IN_ANSWER = "reply_in_answer"  # carried in a webhook's answer: recorded, not sent by the worker
REPLY_GRACE = timedelta(days=2)


def grace_of(kind: str) -> timedelta:
    """The grace period a feature's manifest declares for the kind (a push's copy for a WeCom robot keeps it)."""
    from handlers.core.registry import registry

    if kind == REPLY_KIND:
        return REPLY_GRACE

    declared = registry().pushes.get(kind)
    return declared.grace if declared is not None else DEFAULT_GRACE


def is_stale(kind: str, meant_for: datetime, now: datetime) -> bool:
    """True when a push meant to go out at `meant_for` is too late to be useful at `now`."""
    return now - meant_for > grace_of(kind)
