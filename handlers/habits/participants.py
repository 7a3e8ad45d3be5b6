"""Which children take part in a habit plan: the whole active roster, or the one child of a family plan."""
from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import IN_CHUNK, ROSTER_ORDER
from models import Student, StudentStatus
from models.habits import HabitPlan


async def taking_part(session: AsyncSession, plan: HabitPlan) -> list[Student]:
    """Every active child of the class for a class plan; the one child for a family plan."""
    query = select(Student).where(Student.class_id == plan.class_id, Student.status == StudentStatus.active)
    if plan.student_id is not None:
        query = query.where(Student.id == plan.student_id)
    return list((await session.scalars(query.order_by(*ROSTER_ORDER))).all())


class Participant(NamedTuple):
    """A child taking part, as the scheduler needs it: rows, not ORM objects, for every due plan's roster."""

    id: int
    name: str


async def taking_part_in(session: AsyncSession, plans: list[HabitPlan]) -> dict[int, list[Participant]]:
    """`taking_part` for many plans (plan id → children, in roster order), with one query per few hundred
    classes: the scheduler asks it for every plan due at a tick."""
    class_ids = sorted({plan.class_id for plan in plans})
    rosters: dict[int, list[Participant]] = defaultdict(list)
    for first in range(0, len(class_ids), IN_CHUNK):
        for class_id, student_id, name in await session.execute(
                select(Student.class_id, Student.id, Student.name)
                .where(Student.class_id.in_(class_ids[first:first + IN_CHUNK]), Student.status == StudentStatus.active)
                .order_by(Student.class_id, *ROSTER_ORDER)):
            rosters[class_id].append(Participant(student_id, name))
    return {plan.id: [child for child in rosters[plan.class_id] if plan.student_id in (None, child.id)]
            for plan in plans}
