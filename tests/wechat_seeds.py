"""A class in the store, for WeChat tests that start after the teacher has set it up."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select

from models import (
    ClassGroup,
    Guardianship,
    Identity,
    Membership,
    Person,
    ProcessedUpdate,
    Role,
    Student,
    StudentStatus,
)

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)


async def class_with_teacher(sessions, *, teacher_platform: str, teacher_id: str, children=("小明",),
                             code: str = "ABC234") -> int:
    async with sessions.begin() as session:
        group = ClassGroup(name="三年级二班", platform="telegram", chat_id="-1001", join_code=code,
                           timezone="Asia/Shanghai", language="zh", created_at=T0)
        teacher = Person(display_name="王老师", language="zh", created_at=T0)
        session.add_all([group, teacher, Identity(person=teacher, platform=teacher_platform, external_id=teacher_id,
                                                  private_chat_id=teacher_id, reachable=True)])
        await session.flush()
        session.add(Membership(class_id=group.id, person_id=teacher.id, role=Role.teacher, joined_at=T0))
        for name in children:
            session.add(Student(class_id=group.id, name=name, status=StudentStatus.active, created_at=T0))
        return group.id


async def guardians_of(sessions, child: str) -> list[str]:
    async with sessions() as session:
        return list((await session.scalars(
            select(Identity.platform).join(Guardianship, Guardianship.person_id == Identity.person_id)
            .join(Student, Student.id == Guardianship.student_id).where(Student.name == child)
            .order_by(Guardianship.id))).all())


async def processed_count(sessions) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(ProcessedUpdate))
