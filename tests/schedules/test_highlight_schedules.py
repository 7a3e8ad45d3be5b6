"""The Friday digest goes out at its moment in the class's own zone, at either end of the world's clocks.

The provider reads only the weeks whose digest day may have come (by UTC's date + 1); these classes sit
where that bound is tightest: a day ahead of UTC and half a day behind it."""
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, update

from models import ClassGroup, OutboxMessage, Student, StudentStatus
from models.highlights import Highlight
from schedules.providers import load_providers
from schedules.tick import tick
from support.outbox import T0, add_class

WEEK = date(2026, 11, 23)  # a Monday; the digest is that Friday, 11/27


async def class_with_a_highlight(sessions, chat_id: str, zone: str, at: time) -> int:
    class_id = await add_class(sessions, chat_id, zone=zone, quiet=(time(0, 0), time(0, 0)))
    async with sessions.begin() as session:
        await session.execute(update(ClassGroup).where(ClassGroup.id == class_id)
                              .values(digest_weekday=4, digest_time=at))
        child = Student(class_id=class_id, name="小明", status=StudentStatus.active, created_at=T0)
        session.add(child)
        await session.flush()
        session.add(Highlight(class_id=class_id, student_id=child.id, week_start=WEEK, text="主动帮助同学",
                              recorded_at=T0))
    return class_id


async def digests(sessions, now: datetime) -> list[str]:
    await tick(sessions, now, {"highlight_digest": load_providers()["highlight_digest"]})
    async with sessions() as session:
        return list((await session.scalars(select(OutboxMessage.chat_id).where(
            OutboxMessage.kind == "highlight_digest").order_by(OutboxMessage.id))).all())


async def test_a_digest_a_day_ahead_of_utc_goes_out_at_its_local_moment_not_before(sessions):
    # Kiritimati is UTC+14: Friday 00:30 there is Thursday 10:30 UTC, while UTC's own date is still Thursday.
    await class_with_a_highlight(sessions, "-1001", "Pacific/Kiritimati", time(0, 30))
    moment = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
    assert await digests(sessions, moment - timedelta(minutes=1)) == []
    assert await digests(sessions, moment) == ["-1001"]


async def test_a_digest_behind_utc_waits_for_its_local_friday_evening(sessions):
    # UTC-12: Friday 23:30 there is Saturday 11:30 UTC, when UTC's date is a day past the digest day.
    await class_with_a_highlight(sessions, "-2002", "Etc/GMT+12", time(23, 30))
    moment = datetime(2026, 11, 28, 11, 30, tzinfo=UTC)
    assert await digests(sessions, moment - timedelta(minutes=1)) == []
    assert await digests(sessions, moment) == ["-2002"]


async def test_a_week_left_undecided_for_weeks_is_still_posted(sessions):
    # The bot was down: an old week is found late and still goes out (its grace period decides if it is sent).
    await class_with_a_highlight(sessions, "-3003", "Asia/Shanghai", time(16, 0))
    assert await digests(sessions, datetime(2026, 12, 20, 8, 0, tzinfo=UTC)) == ["-3003"]
