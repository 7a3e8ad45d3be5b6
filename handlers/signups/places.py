"""Taking and releasing a place, in a family's name. A tap locks its slot's row before counting (FOR UPDATE on
PostgreSQL; SQLite's writers take turns anyway), so two families pressing for the last place at once are
served one after the other: one gets it, the other hears the slot is full. The unique (slot, family)
constraint keeps mum and dad from holding two places for one family."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import children_of
from models import Person, Student
from models.signups import SignupEntry, SignupList, SignupSlot


@dataclass(frozen=True)
class Family:
    key: str  # SignupEntry.family
    student_id: int | None


async def family_of(session: AsyncSession, person: Person, class_id: int) -> Family:
    """The family a member signs up for: their first child on the class's roster (shared by every guardian of
    that child), or the member themself when they have no child in the class."""
    children = await children_of(session, person.id, class_id)
    if children:
        return Family(f"s{children[0].id}", children[0].id)
    return Family(f"p{person.id}", None)


async def slot_at(session: AsyncSession, signup: SignupList, position: int, *, lock: bool = False) -> SignupSlot | None:
    query = select(SignupSlot).where(SignupSlot.list_id == signup.id, SignupSlot.position == position)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(query)


async def taken(session: AsyncSession, slot: SignupSlot) -> int:
    return await session.scalar(select(func.count()).select_from(SignupEntry).where(
        SignupEntry.slot_id == slot.id)) or 0


class SlotFull(Exception):
    pass


async def tap(session: AsyncSession, signup: SignupList, slot: SignupSlot, family: Family, person_id: int,
              now) -> bool:
    """Takes the slot for the family, or releases it when the family holds it. True when taken.
    Raises SlotFull when every place is held by other families. The slot must have been read with `lock`."""
    held = await session.scalar(select(SignupEntry.id).where(SignupEntry.slot_id == slot.id,
                                                             SignupEntry.family == family.key))
    if held is not None:
        await session.execute(delete(SignupEntry).where(SignupEntry.id == held))
        return False
    if await taken(session, slot) >= slot.places:
        raise SlotFull()
    session.add(SignupEntry(slot_id=slot.id, list_id=signup.id, family=family.key, student_id=family.student_id,
                            person_id=person_id, taken_at=now))
    await session.flush()
    return True


async def slots_of(session: AsyncSession, signup: SignupList) -> list[SignupSlot]:
    return list((await session.scalars(select(SignupSlot).where(SignupSlot.list_id == signup.id)
                                       .order_by(SignupSlot.position))).all())


async def names_by_slot(session: AsyncSession, signup: SignupList) -> dict[int, list[str]]:
    """Who holds each slot's places, in the order they signed up, named as the roster names the child (or the
    member's own name when they signed up without a child in the class)."""
    rows = (await session.execute(
        select(SignupEntry.slot_id, Student.name, Person.display_name)
        .outerjoin(Student, Student.id == SignupEntry.student_id)
        .outerjoin(Person, Person.id == SignupEntry.person_id)
        .where(SignupEntry.list_id == signup.id).order_by(SignupEntry.taken_at, SignupEntry.id))).all()
    names: dict[int, list[str]] = {}
    for slot_id, child, person in rows:
        names.setdefault(slot_id, []).append(child or person or "?")
    return names


async def forget(session: AsyncSession, person_id: int) -> None:
    """/forgetme: the places a member took in their own name go (they named that person); a place taken for a
    child stays with the child's family, and no longer says who tapped (persons.id is set null)."""
    await session.execute(delete(SignupEntry).where(SignupEntry.family == f"p{person_id}"))
