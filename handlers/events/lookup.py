"""Finding an event by its number (`3`, `#3`), a class's families, a person's family in a class, and who may
open its check-in or read its attendance: its creator, or a teacher of its class."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER, children_of
from handlers.core.context import Context
from handlers.core.errors import UserError
from models import Membership, Role, Student, StudentStatus
from models.events import Event


def event_number(word: str | None) -> int | None:
    digits = (word or "").strip().lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


async def event_by_ref(ctx: Context, ref: str | None) -> Event:
    if not ref:
        raise UserError("events.missing_event")
    number = event_number(ref)
    event = await ctx.session.get(Event, number) if number is not None else None
    if event is None:
        raise UserError("events.unknown_event", ref=ref)
    return event


async def role_in(ctx: Context, class_id: int) -> Role | None:
    return await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == class_id, Membership.person_id == ctx.person.id))


async def require_manager(ctx: Context, event: Event) -> None:
    """The creator (while still in the class) or a teacher of the event's class; else as if there were none."""
    role = await role_in(ctx, event.class_id)
    if role is None:
        raise UserError("events.unknown_event", ref=str(event.id))
    if role != Role.teacher and event.created_by != ctx.person.id:
        raise UserError("events.not_yours")


async def family_of(ctx: Context, event: Event) -> list[Student]:
    """The presser's children in the event's class: the family they answer for."""
    if await role_in(ctx, event.class_id) is None:
        raise UserError("events.not_a_member")
    children = await children_of(ctx.session, ctx.person.id, event.class_id)
    if not children:
        raise UserError("events.not_a_family")
    return children


async def class_children(session: AsyncSession, class_id: int) -> list[Student]:
    return list((await session.scalars(select(Student).where(
        Student.class_id == class_id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all())
