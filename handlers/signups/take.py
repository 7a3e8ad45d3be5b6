"""A press on a slot's button (or `接龙 1` written out): takes a place in the family's name, or releases the
family's place when it holds one; a full slot refuses. Answered with a popup only the presser sees, and the
list asked to refresh. Any member of the list's class can sign up."""
from __future__ import annotations

from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.signups import lookup, places
from handlers.signups.tally import refresh
from models.signups import SignupList


async def take(ctx: Context, signup: SignupList, position: int) -> str:
    """Takes or releases; returns the answer's text. Raises UserError with nothing written when refused."""
    if signup.closed_at is not None:
        raise UserError("signups.closed")
    if await lookup.role_in(ctx, signup.class_id) is None:
        raise UserError("signups.not_a_member")
    slot = await places.slot_at(ctx.session, signup, position, lock=True)
    if slot is None:
        raise UserError("stale_button")
    family = await places.family_of(ctx.session, ctx.person, signup.class_id)
    try:
        took = await places.tap(ctx.session, signup, slot, family, ctx.person.id, ctx.now())
    except places.SlotFull:
        raise UserError("signups.full", slot=slot.name, places=slot.places) from None
    await refresh(ctx.session, signup, ctx.now())
    count = await places.taken(ctx.session, slot)
    return ctx.text("signups.taken" if took else "signups.released", slot=slot.name, taken=count, places=slot.places)


async def take_button(ctx: Context, press: ButtonPress) -> None:
    found = lookup.number(press.args[0]) if len(press.args) == 2 else None
    signup = await ctx.session.get(SignupList, found) if found is not None else None
    position = lookup.number(press.args[1]) if signup is not None else None
    if signup is None or position is None:
        raise UserError("stale_button")
    ctx.replies.append(Reply(text=await take(ctx, signup, position), popup=True))
