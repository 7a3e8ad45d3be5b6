"""Who looks after whom: a person's children, a child's guardians, and which children take part in a plan."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.errors import UserError
from handlers.roster_rules import clean_name
from models import ClassGroup, Guardianship, Identity, Person, Student, StudentStatus
from models.habits import HabitCheckIn, HabitPlan

ROSTER_ORDER = (Student.number.is_(None), Student.number, Student.name, Student.id)


async def children_of(session: AsyncSession, person_id: int, class_id: int | None = None) -> list[Student]:
    """The person's children on active rosters, in roster order; one class only when `class_id` is given."""
    query = (select(Student).join(Guardianship, Guardianship.student_id == Student.id)
             .where(Guardianship.person_id == person_id, Student.status == StudentStatus.active)
             .order_by(Student.class_id, *ROSTER_ORDER))
    if class_id is not None:
        query = query.where(Student.class_id == class_id)
    return list((await session.scalars(query)).all())


async def taking_part(session: AsyncSession, plan: HabitPlan) -> list[Student]:
    """Every active child of the class for a class plan; the one child for a family plan."""
    query = select(Student).where(Student.class_id == plan.class_id, Student.status == StudentStatus.active)
    if plan.student_id is not None:
        query = query.where(Student.id == plan.student_id)
    return list((await session.scalars(query.order_by(*ROSTER_ORDER))).all())


def _tally_counts(one_child: bool):
    taking_part = select(func.count()).select_from(Student).where(Student.class_id == bindparam("class_id"),
                                                                   Student.status == StudentStatus.active)
    if one_child:
        taking_part = taking_part.where(Student.id == bindparam("student_id"))
    done = select(func.count()).select_from(HabitCheckIn).where(HabitCheckIn.plan_id == bindparam("plan_id"),
                                                                HabitCheckIn.day == bindparam("day"))
    return select(done.scalar_subquery(), taking_part.scalar_subquery())


# Built once: a check-in asks this for every edit of the daily post.
_TALLY_COUNTS = {one_child: _tally_counts(one_child) for one_child in (False, True)}


async def tally_counts(session: AsyncSession, plan: HabitPlan, day: date) -> tuple[int, int]:
    """(checked in on `day`, taking part) in one query, without loading anyone."""
    statement = _TALLY_COUNTS[plan.student_id is not None]
    params = {"class_id": plan.class_id, "plan_id": plan.id, "day": day, "student_id": plan.student_id}
    row = (await (await session.connection()).execute(statement, params)).one()
    return row[0], row[1]


async def guardians_of(session: AsyncSession, student_ids: list[int], *, reachable_only: bool = False
                       ) -> dict[int, list[Person]]:
    """Each child's guardians; with `reachable_only`, those who have started the bot privately."""
    query = (select(Guardianship.student_id, Person).join(Person, Person.id == Guardianship.person_id)
             .where(Guardianship.student_id.in_(student_ids)).order_by(Guardianship.id))
    if reachable_only:
        reachable = select(Identity.person_id).where(Identity.reachable.is_(True),
                                                     Identity.private_chat_id.is_not(None))
        query = query.where(Person.id.in_(reachable))
    found: dict[int, list[Person]] = defaultdict(list)
    for student_id, person in (await session.execute(query)).all():
        found[student_id].append(person)
    return found


def pick_child(children: list[Student], name: str) -> Student:
    wanted = clean_name(name)
    for child in children:
        if child.name == wanted:
            return child
    raise UserError("habits.not_your_child", name=wanted)


async def class_of(session: AsyncSession, plan: HabitPlan) -> ClassGroup:
    return await session.get(ClassGroup, plan.class_id)
