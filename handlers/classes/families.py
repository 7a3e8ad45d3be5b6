"""Who looks after whom: a person's children, a child's guardians, a class's teachers."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.names import clean_name
from handlers.core.errors import UserError
from models import Guardianship, GuardianStatus, Identity, Membership, Person, Role, Student, StudentStatus

ROSTER_ORDER = (Student.number.is_(None), Student.number, Student.name, Student.id)
IN_CHUNK = 500  # ids per IN list, for questions about many children or classes: far below any store's limit


async def children_of(session: AsyncSession, person_id: int, class_id: int | None = None) -> list[Student]:
    """The person's children on active rosters, in roster order; one class only when `class_id` is given."""
    query = (select(Student).join(Guardianship, Guardianship.student_id == Student.id)
             .where(Guardianship.person_id == person_id, Guardianship.status == GuardianStatus.active,
                    Student.status == StudentStatus.active)
             .order_by(Student.class_id, *ROSTER_ORDER))
    if class_id is not None:
        query = query.where(Student.class_id == class_id)
    return list((await session.scalars(query)).all())


async def guardians_of(session: AsyncSession, student_ids: list[int], *, reachable_only: bool = False
                       ) -> dict[int, list[Person]]:
    """Each child's guardians; with `reachable_only`, those who have started the bot privately."""
    return await _guardians(session, (Person,), student_ids, reachable_only, lambda row: row[1])


class Addressee(NamedTuple):
    """Whom a private push goes to, in which language: all the scheduler needs of a guardian."""

    id: int
    language: str


async def reachable_addressees(session: AsyncSession, student_ids: list[int]) -> dict[int, list[Addressee]]:
    """`guardians_of(..., reachable_only=True)` as rows rather than ORM objects: the scheduler asks it for
    every child of every due plan."""
    return await _guardians(session, (Person.id, Person.language), student_ids, True,
                            lambda row: Addressee(row[1], row[2]))


async def _guardians(session: AsyncSession, columns: tuple, student_ids: list[int], reachable_only: bool,
                     make: Callable) -> dict:
    found: dict[int, list] = defaultdict(list)
    for first in range(0, len(student_ids), IN_CHUNK):
        query = (select(Guardianship.student_id, *columns).join(Person, Person.id == Guardianship.person_id)
                 .where(Guardianship.student_id.in_(student_ids[first:first + IN_CHUNK]),
                        Guardianship.status == GuardianStatus.active)
                 .order_by(Guardianship.id))
        if reachable_only:
            # EXISTS per guardian, not IN (every reachable identity): the nudge asks this for each due plan, and
            # the scheduler's tick must cost what is due, not what the store holds.
            query = query.where(exists().where(Identity.person_id == Person.id, Identity.reachable.is_(True),
                                               Identity.private_chat_id.is_not(None)))
        for row in await session.execute(query):
            found[row[0]].append(make(row))
    return found


async def teachers_of(session: AsyncSession, class_id: int) -> list[Person]:
    return list((await session.scalars(
        select(Person).join(Membership, Membership.person_id == Person.id)
        .where(Membership.class_id == class_id, Membership.role == Role.teacher)
        .order_by(Membership.id))).all())


async def teachers_in(session: AsyncSession, class_ids: list[int]) -> dict[int, list[Person]]:
    """`teachers_of` for many classes at once (class id → teachers)."""
    ids = sorted(set(class_ids))
    found: dict[int, list[Person]] = defaultdict(list)
    for first in range(0, len(ids), IN_CHUNK):
        for class_id, person in await session.execute(
                select(Membership.class_id, Person).join(Membership, Membership.person_id == Person.id)
                .where(Membership.class_id.in_(ids[first:first + IN_CHUNK]), Membership.role == Role.teacher)
                .order_by(Membership.id)):
            found[class_id].append(person)
    return found


def pick_child(children: list[Student], name: str) -> Student:
    """One of the caller's own children by name; another family's child is never found this way."""
    wanted = clean_name(name)
    for child in children:
        if child.name == wanted:
            return child
    raise UserError("not_your_child", name=wanted)
