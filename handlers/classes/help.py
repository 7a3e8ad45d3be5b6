"""/help: what the caller can do here, by role and by chat."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.arguments import Args
from handlers.core.context import Context
from models import Membership


async def show_help(ctx: Context, args: Args) -> None:
    class_group = await ctx.group_class()
    if class_group is not None:
        membership = await ctx.session.scalar(select(Membership).where(
            Membership.class_id == class_group.id, Membership.person_id == ctx.person.id))
        roles = {membership.role.value} if membership else set()
    else:
        roles = {m.role.value for m in (await ctx.session.scalars(
            select(Membership).where(Membership.person_id == ctx.person.id))).all()}
    ctx.say("help.overview", private=ctx.is_private, roles=sorted(roles),
            group_is_class=class_group is not None)
