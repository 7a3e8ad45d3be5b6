"""Going / not going: a press on the card answers for the presser's family and can be changed until the event
starts (or its check-in opens), answered with a popup only they see. `报名` / `/rsvp` privately, for chats
without buttons: the latest coming event of the person's classes (or `报名 <id>`) with the two choices, which
WeChat numbers."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.arguments import Args
from handlers.core.class_items import role_in
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.events import answers, lookup
from handlers.events.cards import GOING, NOT_GOING, card_view, refresh_card, rsvp_buttons, rsvp_open
from models import ClassGroup, Membership
from models.events import Event


async def rsvp_button(ctx: Context, press: ButtonPress) -> None:
    number = lookup.event_number(press.args[0]) if len(press.args) == 2 else None
    event = await ctx.session.get(Event, number) if number is not None else None
    if event is None or press.args[1] not in (GOING, NOT_GOING):
        raise UserError("stale_button")
    if not rsvp_open(event, ctx.now()):
        raise UserError("events.rsvp_closed", event=event)
    children = await lookup.family_of(ctx, event)
    going = press.args[1] == GOING
    was = await answers.answer(ctx.session, event, ctx.person.id, [child.id for child in children], going, ctx.now())
    await refresh_card(ctx.session, event, ctx.now())
    key = "events.answered" if was is None else ("events.unchanged" if was == going else "events.changed")
    ctx.replies.append(Reply(text=ctx.text(key, event=event, going=going), popup=True))


async def _coming(ctx: Context) -> Event:
    event = await ctx.session.scalar(select(Event).join(Membership, Membership.class_id == Event.class_id).where(
        Membership.person_id == ctx.person.id, Event.checkin_opened_at.is_(None), Event.starts_at > ctx.now())
        .order_by(Event.starts_at, Event.id).limit(1))
    if event is None:
        raise UserError("events.no_coming_event")
    return event


async def rsvp_command(ctx: Context, args: Args) -> None:
    if len(args.words) > 1:
        raise UserError("events.bad_ref", value=args.rest(0))
    if args.words:
        event = await lookup.event_by_ref(ctx, args.words[0])
        if await role_in(ctx, event.class_id) is None:
            raise UserError("events.unknown_event", ref=args.words[0])
    else:
        event = await _coming(ctx)
    if not rsvp_open(event, ctx.now()):
        raise UserError("events.rsvp_closed", event=event)
    await lookup.family_of(ctx, event)
    class_group = await ctx.session.get(ClassGroup, event.class_id)
    shown = await card_view(ctx.session, event, class_group)
    ctx.replies.append(Reply(text=shown.text, buttons=rsvp_buttons(event, ctx.language)))
