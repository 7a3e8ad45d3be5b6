"""What families answered: an RSVP per family (a later one replaces it) and a check-in per family (once).
Both are upserts, so two guardians of one child pressing at once do not fail."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Student, StudentStatus
from models.events import Event, EventCheckin, EventRsvp
from models.upserts import insert_for


def _active(event: Event):
    return (Student.class_id == event.class_id, Student.status == StudentStatus.active)


async def rsvp_counts(session: AsyncSession, event: Event) -> tuple[int, int, int]:
    """(going, not going, families) over the class's active roster."""
    rows = dict((await session.execute(select(EventRsvp.going, func.count()).join(
        Student, Student.id == EventRsvp.student_id).where(EventRsvp.event_id == event.id, *_active(event))
        .group_by(EventRsvp.going))).all())
    families = await session.scalar(select(func.count()).select_from(Student).where(*_active(event)))
    return rows.get(True, 0), rows.get(False, 0), families or 0


async def checkin_count(session: AsyncSession, event: Event) -> int:
    return await session.scalar(select(func.count()).select_from(EventCheckin).join(
        Student, Student.id == EventCheckin.student_id).where(EventCheckin.event_id == event.id, *_active(event))) or 0


async def rsvps(session: AsyncSession, event: Event) -> dict[int, EventRsvp]:
    return {row.student_id: row for row in (await session.scalars(select(EventRsvp).where(
        EventRsvp.event_id == event.id).execution_options(populate_existing=True))).all()}


async def checkins(session: AsyncSession, event: Event) -> dict[int, EventCheckin]:
    return {row.student_id: row for row in (await session.scalars(select(EventCheckin).where(
        EventCheckin.event_id == event.id).execution_options(populate_existing=True))).all()}


async def answer(session: AsyncSession, event: Event, person_id: int, student_ids: list[int], going: bool,
                 now: datetime) -> bool | None:
    """Sets the family's RSVP; returns what it was before (None: no answer yet)."""
    before = await rsvps(session, event)
    was = next((before[s].going for s in student_ids if s in before), None)
    for student_id in student_ids:
        statement = insert_for(session, EventRsvp).values(event_id=event.id, student_id=student_id,
                                                           person_id=person_id, going=going, answered_at=now)
        await session.execute(statement.on_conflict_do_update(
            index_elements=["event_id", "student_id"],
            set_={"going": going, "person_id": person_id, "answered_at": now}))
    return was


async def check_in(session: AsyncSession, event: Event, person_id: int, student_ids: list[int],
                   now: datetime) -> int:
    """Checks the family in; returns how many children were new (0: checked in already)."""
    already = await checkins(session, event)
    new = [student_id for student_id in student_ids if student_id not in already]
    for student_id in new:
        await session.execute(insert_for(session, EventCheckin).values(
            event_id=event.id, student_id=student_id, person_id=person_id, checked_in_at=now,
        ).on_conflict_do_nothing(index_elements=["event_id", "student_id"]))
    return len(new)
