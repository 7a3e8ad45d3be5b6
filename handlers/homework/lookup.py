"""Which homework a command is about: the current occurrence of each card (its latest day), found by the
card's number (#3) or subject, in the classes the caller teaches or has a child in."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.errors import UserError
from models import ClassGroup
from models.homework import HomeworkCard, HomeworkOccurrence

RECENT = timedelta(days=7)  # an occurrence older than this is no one's current homework any more

Current = tuple[HomeworkOccurrence, HomeworkCard, ClassGroup]


async def current_occurrences(session: AsyncSession, class_ids: list[int], now: datetime) -> list[Current]:
    """Newest first: the latest occurrence of each card of these classes opened in the last week."""
    latest = (select(func.max(HomeworkOccurrence.id)).where(HomeworkOccurrence.class_id.in_(class_ids),
                                                             HomeworkOccurrence.opened_at > now - RECENT)
              .group_by(HomeworkOccurrence.card_id))
    rows = await session.execute(
        select(HomeworkOccurrence, HomeworkCard, ClassGroup)
        .join(HomeworkCard, HomeworkCard.id == HomeworkOccurrence.card_id)
        .join(ClassGroup, ClassGroup.id == HomeworkOccurrence.class_id)
        .where(HomeworkOccurrence.id.in_(latest)).order_by(HomeworkOccurrence.id.desc()))
    return [tuple(row) for row in rows.all()]


def card_number(word: str | None) -> int | None:
    word = (word or "").lstrip("#＃")
    return int(word) if word.isdecimal() and len(word) < 10 else None


def find(found: list[Current], ref: str | None) -> Current | None:
    """The one `ref` names (a card number or subject); None when it names none (it is, e.g., a text)."""
    if not ref:
        return None
    number = card_number(ref)
    for entry in found:
        if entry[1].id == number or entry[1].subject.casefold() == ref.casefold():
            return entry
    return None


def pick(found: list[Current], ref: str | None) -> Current:
    """For a teacher's /hw status and /review: the named homework, or the only one."""
    if ref:
        entry = find(found, ref)
        if entry is None:
            raise UserError("homework.unknown_homework", ref=ref)
        return entry
    if not found:
        raise UserError("homework.no_homework")
    return found[0]
