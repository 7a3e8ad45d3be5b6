"""A class's highlight weeks: Monday to Sunday in the class's time zone, posted at its digest time
(ClassGroup.digest_weekday / digest_time). Once a week's digest time has passed or its digest is decided
(posted or skipped), what a teacher records belongs to the next week."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import ClassGroup
from models.habit_schedule import local_day, moment
from models.highlights import HighlightDigest

COVERAGE_WEEKS = 3  # a child with no highlight in this many weeks is flagged


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def digest_at(class_group: ClassGroup, week: date) -> datetime:
    return digest_moment(week, class_group.digest_weekday, class_group.digest_time, class_group.timezone)


def digest_moment(week: date, weekday: int, at: time, zone: str) -> datetime:
    """`digest_at` from the class's columns alone, for the scheduler's look over every class's open week."""
    return moment(week + timedelta(days=weekday), at, zone)


def last_day(class_group: ClassGroup, week: date) -> date:
    """The last day the digest's title names (Friday's digest: 11/17–11/21)."""
    return week + timedelta(days=class_group.digest_weekday)


def local_time(class_group: ClassGroup, when: datetime) -> datetime:
    return when.astimezone(ZoneInfo(class_group.timezone))


async def decided(session: AsyncSession, class_id: int, week: date) -> HighlightDigest | None:
    return await session.scalar(select(HighlightDigest).where(HighlightDigest.class_id == class_id,
                                                              HighlightDigest.week_start == week))


async def open_week(session: AsyncSession, class_group: ClassGroup, now: datetime) -> date:
    """The week a highlight recorded now goes into, and the one /highlights previews."""
    week = week_of(local_day(now, class_group.timezone))
    if now >= digest_at(class_group, week):
        week += timedelta(days=7)
    # A week already posted or skipped is closed: so is the next if the teacher skipped that one too.
    while await decided(session, class_group.id, week) is not None:
        week += timedelta(days=7)
    return week
