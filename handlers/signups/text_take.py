"""`接龙 1` / `/take 1` privately, for chats without buttons (the WeChat Official Account): slot 1 of the latest
open list of the person's classes; `接龙 5 1` for slot 1 of list 5. Writing it again releases the place, as
a second tap does. `接龙` alone (or `接龙 #5`) shows the list with its slots as numbered choices."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Reply
from handlers.signups import lookup
from handlers.signups.take import take
from handlers.signups.tally import slot_rows, take_buttons
from models import Membership
from models.signups import SignupList


async def _open_lists(ctx: Context) -> list[SignupList]:
    return list((await ctx.session.scalars(
        select(SignupList).join(Membership, Membership.class_id == SignupList.class_id)
        .where(Membership.person_id == ctx.person.id, SignupList.closed_at.is_(None))
        .order_by(SignupList.created_at.desc(), SignupList.id.desc()))).all())


async def take_command(ctx: Context, args: Args) -> None:
    if len(args.words) > 2:
        raise UserError("signups.bad_take")
    numbers = [lookup.number(word) for word in args.words]
    if None in numbers:
        raise UserError("signups.bad_take")
    lists = await _open_lists(ctx)
    if len(numbers) == 2 or (numbers and args.words[0].startswith("#")):  # `接龙 5 1`, `接龙 #5`
        signup = next((item for item in lists if item.id == numbers[0]), None)
        if signup is None:
            raise UserError("signups.unknown_list", ref=args.words[0])
        numbers = numbers[1:]
    elif not lists:
        raise UserError("signups.no_open_list")
    else:
        signup = lists[0]
    rows = await slot_rows(ctx.session, signup)
    if not numbers:
        ctx.say("signups.choose", signup=signup, rows=rows, buttons=take_buttons(ctx.language, signup, rows))
        return
    [slot] = numbers
    if not 1 <= slot <= len(rows):
        raise UserError("signups.no_such_slot", count=len(rows))
    ctx.replies.append(Reply(text=await take(ctx, signup, slot - 1)))
