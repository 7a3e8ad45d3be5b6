"""A card's class days and occurrences: when one opens, is due, and when its count, nudge and summary go out.

A repeating card opens one occurrence per class day (every day with `daily`, Monday to Friday with
`weekdays`) when the class's quiet hours end; a one-off card has its single occurrence from the start."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.outbox import enqueue
from handlers.homework.card_post import card_push
from models import ClassGroup
from models.habit_schedule import local_day, moment
from models.homework import HomeworkCard, HomeworkOccurrence, Repeat

COUNT_BEFORE = timedelta(hours=2)  # the group's count
NUDGE_BEFORE = timedelta(hours=1)  # the private nudge to missing families


def is_class_day(card: HomeworkCard, day: date) -> bool:
    if card.repeat == Repeat.weekdays:
        return day.weekday() < 5
    return True


def next_class_day(card: HomeworkCard, after: date) -> date | None:
    """The class day after `after`, or None when the card has no more (a one-off, or past `until`)."""
    if card.repeat == Repeat.once:
        return None
    day = after + timedelta(days=1)
    while not is_class_day(card, day):
        day += timedelta(days=1)
    return day if card.until is None or day <= card.until else None


def opening_moment(card: HomeworkCard, class_group: ClassGroup, day: date) -> datetime:
    """A day's occurrence opens when the class's quiet hours end, or three hours before it is due if earlier."""
    due = moment(day, card.due_time, class_group.timezone)
    return min(moment(day, class_group.quiet_end, class_group.timezone), due - timedelta(hours=3))


async def open_occurrence(session: AsyncSession, card: HomeworkCard, class_group: ClassGroup, day: date,
                          now: datetime) -> HomeworkOccurrence | None:
    """Creates the day's occurrence and queues its card for the group; None when it exists already."""
    existing = await session.scalar(select(HomeworkOccurrence).where(
        HomeworkOccurrence.card_id == card.id, HomeworkOccurrence.day == day))
    if existing is not None:
        return None
    due = moment(day, card.due_time, class_group.timezone)
    occurrence = HomeworkOccurrence(
        card_id=card.id, class_id=class_group.id, day=day, due_at=due, opened_at=now,
        next_count_at=due - COUNT_BEFORE if due - COUNT_BEFORE > now else None,
        next_nudge_at=due - NUDGE_BEFORE if due - NUDGE_BEFORE > now else None,
        next_summary_at=due)
    session.add(occurrence)
    await session.flush()
    await enqueue(session, await card_push(session, card, occurrence, class_group, now), now)
    return occurrence


def schedule_next(card: HomeworkCard, class_group: ClassGroup, opened: date) -> None:
    day = next_class_day(card, opened)
    card.next_open_at = opening_moment(card, class_group, day) if day is not None else None


def is_late(occurrence: HomeworkOccurrence, at: datetime) -> bool:
    return at > occurrence.due_at


def today_of(now: datetime, class_group: ClassGroup) -> date:
    return local_day(now, class_group.timezone)


def due_clock(occurrence: HomeworkOccurrence, class_group: ClassGroup) -> str:
    """The due time on the class's wall clock, as families read it ("20:00")."""
    return occurrence.due_at.astimezone(ZoneInfo(class_group.timezone)).strftime("%H:%M")
