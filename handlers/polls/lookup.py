"""Finding a poll by its number (`3`, `#3`) and who may see its status or close it: its creator, or a
teacher of its class."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.context import Context
from handlers.core.errors import UserError
from models import Membership, Role
from models.polls import Poll


def poll_number(word: str | None) -> int | None:
    digits = (word or "").strip().lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


async def poll_by_ref(ctx: Context, ref: str | None) -> Poll:
    if not ref:
        raise UserError("polls.missing_poll")
    number = poll_number(ref)
    poll = await ctx.session.get(Poll, number) if number is not None else None
    if poll is None:
        raise UserError("polls.unknown_poll", ref=ref)
    return poll


async def role_in(ctx: Context, class_id: int) -> Role | None:
    return await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == class_id, Membership.person_id == ctx.person.id))


async def require_manager(ctx: Context, poll: Poll) -> None:
    """The creator (while still in the class) or a teacher of the poll's class; else as if there were none."""
    role = await role_in(ctx, poll.class_id)
    if role is None:
        raise UserError("polls.unknown_poll", ref=str(poll.id))
    if role != Role.teacher and poll.created_by != ctx.person.id:
        raise UserError("polls.not_yours")
