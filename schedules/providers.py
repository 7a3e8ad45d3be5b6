"""The contract between features and the scheduler: a provider says what is due; the scheduler sends it once.

A feature keeps its own schedule state in its own rows (e.g. a plan's next reminder time) and registers a
provider. On every tick the scheduler calls `due(session, now)` on each provider inside one transaction;
the provider returns the pushes whose time has come and advances its own rows in the same transaction.
The scheduler writes each push as an outbox row whose `dedup_key` is unique in the store, so a tick that
runs twice, late, or on two replicas sends each push once."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import Button, ChatRef, Media, PersonTarget


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
    tally_key: str | None = None  # the message's name for later edits (see handlers.outbox.request_edit)


Provider = Callable[[AsyncSession, datetime], Awaitable[list[Push]]]

PROVIDERS: dict[str, Provider] = {}


def provider(name: str):
    """Registers a feature's provider: `@provider("habit_daily") async def due(session, now) -> list[Push]`."""

    def register(func: Provider) -> Provider:
        PROVIDERS[name] = func
        return func

    return register
