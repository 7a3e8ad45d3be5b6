"""Live tallies: a message the bot keeps current by throttled edits (a daily post's count, and next a
homework count, a poll's votes, a notice's confirmations, a sign-up list).

A feature declares a `Tally` in its manifest: a name, which starts every key of its messages
(`habit-daily:plan=42:day=2026-11-23`), and a `render` that says how the message should read now. The
message itself goes out as a push carrying its `tally_key`; afterwards the feature only calls `refresh`.
Refreshes made before the delivery worker gets to the message collapse into one edit, rendered at that
moment, and the worker keeps to the platform's edit limits (20 a minute per group) and knows the message
id: the bookkeeping lives here and in bot/tally_edits.py, once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.messages import Button
from models import TallyEdit
from models.upserts import prepared_upsert


@dataclass(frozen=True)
class TallyView:
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()


def tally_name(tally_key: str) -> str:
    return tally_key.split(":", 1)[0]


def _refresh_request(insert):
    statement = insert(TallyEdit.__table__)
    return statement.on_conflict_do_update(index_elements=["tally_key"], set_={
        "version": TallyEdit.version + 1, "requested_at": statement.excluded.requested_at,
    })


async def refresh(session: AsyncSession, tally_key: str, now: datetime) -> None:
    """Asks that the message sent with `tally_key` be brought up to date. Runs on every check-in or vote,
    so the statement is built once (`prepared_upsert`) and nothing is rendered until the edit is made."""
    values = dict(tally_key=tally_key, version=1, applied_version=0, requested_at=now, next_attempt_at=now,
                  attempts=0, lease_until=None)
    await (await session.connection()).execute(prepared_upsert(session, _refresh_request), values)


async def render(session: AsyncSession, tally_key: str) -> TallyView | None:
    """The message as it should read now; None when its feature no longer shows it (nothing to edit)."""
    from handlers.core.registry import registry

    tally = registry().tallies.get(tally_name(tally_key))
    return None if tally is None else await tally.render(session, tally_key)
