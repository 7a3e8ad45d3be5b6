"""The classes a teacher's highlight commands act on, checked again when a wait or button resumes one."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.context import Context
from handlers.core.errors import UserError
from models import ClassGroup, Membership, Role


async def taught_class_ids(ctx: Context) -> list[int]:
    return list((await ctx.session.scalars(select(Membership.class_id).where(
        Membership.person_id == ctx.person.id, Membership.role == Role.teacher))).all())


async def taught_class(ctx: Context, class_id: int) -> ClassGroup:
    if class_id not in await taught_class_ids(ctx):
        raise UserError("not_allowed", roles=["teacher"], command=ctx.command or "highlight")
    return await ctx.session.get(ClassGroup, class_id)
