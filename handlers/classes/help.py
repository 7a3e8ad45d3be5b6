"""/help: what the caller can do here, by every role they hold and by chat."""
from __future__ import annotations

from sqlalchemy import select

from handlers.classes.families import children_of
from handlers.core.arguments import Args
from handlers.core.context import Context
from models import Membership, Role


async def show_help(ctx: Context, args: Args) -> None:
    class_group = await ctx.group_class()
    query = select(Membership.role).where(Membership.person_id == ctx.person.id)
    if class_group is not None:
        query = query.where(Membership.class_id == class_group.id)
    roles = {role.value for role in (await ctx.session.scalars(query)).all()}
    # One membership holds one role, but a rep or a teacher can also be a child's guardian: show both.
    if roles and await children_of(ctx.session, ctx.person.id, class_group.id if class_group else None):
        roles.add(Role.parent.value)
    ctx.say("help.overview", private=ctx.is_private, roles=sorted(roles),
            group_is_class=class_group is not None)
