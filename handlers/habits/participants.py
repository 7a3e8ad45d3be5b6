"""Which children take part in a habit plan: the whole active roster, or the one child of a family plan."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER
from models import Student, StudentStatus
from models.habits import HabitPlan


async def taking_part(session: AsyncSession, plan: HabitPlan) -> list[Student]:
    """Every active child of the class for a class plan; the one child for a family plan."""
    query = select(Student).where(Student.class_id == plan.class_id, Student.status == StudentStatus.active)
    if plan.student_id is not None:
        query = query.where(Student.id == plan.student_id)
    return list((await session.scalars(query.order_by(*ROSTER_ORDER))).all())
