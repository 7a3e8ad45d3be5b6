"""A class's numbered items (polls, questionnaires, notices, events) found by the number people type (`3`,
`#3`), and who may manage one: its creator while still in the class, or a teacher of the class. Each feature
gives its own texts: a missing number, an unknown one, not yours."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.context import Context
from handlers.core.errors import UserError
from models import Membership, Role


def item_number(word: str | None) -> int | None:
    digits = (word or "").strip().lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


async def item_by_ref(ctx: Context, model, ref: str | None, *, missing: str, unknown: str):
    if not ref:
        raise UserError(missing)
    number = item_number(ref)
    item = await ctx.session.get(model, number) if number is not None else None
    if item is None:
        raise UserError(unknown, ref=ref)
    return item


async def role_in(ctx: Context, class_id: int) -> Role | None:
    return await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == class_id, Membership.person_id == ctx.person.id))


async def require_manager(ctx: Context, item, *, unknown: str, not_yours: str) -> None:
    """The creator (while still in the class) or a teacher of the item's class; to anyone outside the class
    the item is as if there were none."""
    role = await role_in(ctx, item.class_id)
    if role is None:
        raise UserError(unknown, ref=str(item.id))
    if role != Role.teacher and item.created_by != ctx.person.id:
        raise UserError(not_yours)
