"""Confirmations (✅ 收到) kept per family: a guardian's press confirms every one of their children in the class
that is not confirmed yet, so a family confirms once whichever guardian presses, and a second press finds
nothing left to confirm."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Student, StudentStatus
from models.notices import Notice, NoticeConfirmation
from models.upserts import insert_for


async def confirmed_children(session: AsyncSession, notice: Notice) -> set[int]:
    return set((await session.scalars(select(NoticeConfirmation.student_id).where(
        NoticeConfirmation.notice_id == notice.id))).all())


async def counts(session: AsyncSession, notice: Notice) -> tuple[int, int]:
    """(confirmed, all) over the children on the class's active roster."""
    active = (Student.class_id == notice.class_id, Student.status == StudentStatus.active)
    total = await session.scalar(select(func.count()).select_from(Student).where(*active))
    done = await session.scalar(select(func.count()).select_from(NoticeConfirmation).join(
        Student, Student.id == NoticeConfirmation.student_id).where(NoticeConfirmation.notice_id == notice.id, *active))
    return done or 0, total or 0


async def confirm(session: AsyncSession, notice: Notice, person_id: int, student_ids: list[int],
                  now: datetime) -> int:
    """Confirms the children not confirmed yet; returns how many were. Two guardians pressing at once both
    succeed: the second finds the row there (ON CONFLICT DO NOTHING) instead of failing."""
    already = await confirmed_children(session, notice)
    new = [student_id for student_id in student_ids if student_id not in already]
    for student_id in new:
        await session.execute(insert_for(session, NoticeConfirmation).values(
            notice_id=notice.id, student_id=student_id, person_id=person_id, confirmed_at=now,
        ).on_conflict_do_nothing(index_elements=["notice_id", "student_id"]))
    return len(new)
