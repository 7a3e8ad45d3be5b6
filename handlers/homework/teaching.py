"""What a teacher's homework commands look at: the current homework of the classes they teach."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.homework import lookup
from models import Membership, Role


async def taught_classes(ctx: Context) -> list[int]:
    return list((await ctx.session.scalars(select(Membership.class_id).where(
        Membership.person_id == ctx.person.id, Membership.role == Role.teacher))).all())


async def teacher_homework(ctx: Context) -> list[lookup.Current]:
    return await lookup.current_occurrences(ctx.session, await taught_classes(ctx), ctx.now())


async def require_teacher(ctx: Context, class_id: int) -> None:
    if class_id not in await taught_classes(ctx):
        raise UserError("not_allowed", roles=["teacher"], command=ctx.command or "review")
