"""/signup close <id> (its creator or a teacher): the buttons go, the list stays in the group as it stands,
reading as closed; its places still count as volunteer points."""
from __future__ import annotations

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.signups import lookup
from handlers.signups.tally import refresh
from models import ClassGroup


async def close_command(ctx: Context, args: Args) -> None:
    signup = await lookup.list_by_ref(ctx, args.word(0))
    await lookup.require_manager(ctx, signup)
    if signup.closed_at is not None:
        raise UserError("signups.already_closed", signup=signup)
    signup.closed_at = ctx.now()
    await refresh(ctx.session, signup, ctx.now())
    ctx.audit(await ctx.session.get(ClassGroup, signup.class_id), "signup_close", list_id=signup.id)
    ctx.say("signups.closed_now", signup=signup)
