"""Finding an event by its number (`3`, `#3`), a class's families, a person's family in a class, and who may
open its check-in or read its attendance: its creator, or a teacher of its class."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER, children_of
from handlers.core import class_items
from handlers.core.class_items import item_by_ref, item_number, role_in
from handlers.core.context import Context
from handlers.core.errors import UserError
from models import Student, StudentStatus
from models.events import Event


def event_number(word: str | None) -> int | None:
    return item_number(word)


async def event_by_ref(ctx: Context, ref: str | None) -> Event:
    return await item_by_ref(ctx, Event, ref, missing="events.missing_event", unknown="events.unknown_event")


async def require_manager(ctx: Context, event: Event) -> None:
    """The creator (while still in the class) or a teacher of the event's class; else as if there were none."""
    await class_items.require_manager(ctx, event, unknown="events.unknown_event", not_yours="events.not_yours")


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
