"""`/event checkin <id>` (its creator or a teacher, at the event): opens the 📍 签到 button in the group for two
hours. A press checks the presser's family in, once; `签到` / `/attend` privately does the same for chats
without buttons, on the person's event whose check-in is open (or `签到 <id>`)."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.arguments import Args
from handlers.core.class_items import role_in
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.core.outbox import enqueue
from handlers.events import answers, lookup
from handlers.events.cards import checkin_open, checkin_push, local, refresh_card, refresh_checkin
from models import ClassGroup, Membership
from models.events import CHECKIN_EARLY, CHECKIN_OPEN, Event


async def open_command(ctx: Context, args: Args) -> None:
    event = await lookup.event_by_ref(ctx, args.word(0))
    await lookup.require_manager(ctx, event)
    class_group = await ctx.session.get(ClassGroup, event.class_id)
    now = ctx.now()
    if event.checkin_opened_at is not None:
        key = "events.checkin_already_open" if checkin_open(event, now) else "events.checkin_over"
        raise UserError(key, event=event, until=local(event.checkin_closes_at, class_group))
    if now < event.starts_at - CHECKIN_EARLY:
        raise UserError("events.checkin_too_early", event=event, at=local(event.starts_at, class_group))
    event.checkin_opened_at = now
    event.checkin_closes_at = now + CHECKIN_OPEN
    await ctx.session.flush()
    await enqueue(ctx.session, await checkin_push(ctx.session, event, class_group, now), now)
    await refresh_card(ctx.session, event, now)  # its RSVP buttons go
    ctx.audit(class_group, "event_checkin", event_id=event.id)
    if ctx.is_private:
        ctx.say("events.checkin_opened", event=event, until=local(event.checkin_closes_at, class_group))


async def _check_in(ctx: Context, event: Event) -> str:
    if not checkin_open(event, ctx.now()):
        raise UserError("events.checkin_closed", event=event)
    children = await lookup.family_of(ctx, event)
    added = await answers.check_in(ctx.session, event, ctx.person.id, [child.id for child in children], ctx.now())
    if not added:
        return ctx.text("events.already_checked_in", event=event)
    await refresh_checkin(ctx.session, event, ctx.now())
    return ctx.text("events.checked_in", event=event, children=[child.name for child in children])


async def checkin_button(ctx: Context, press: ButtonPress) -> None:
    number = lookup.event_number(press.args[0]) if len(press.args) == 1 else None
    event = await ctx.session.get(Event, number) if number is not None else None
    if event is None or event.checkin_opened_at is None:
        raise UserError("stale_button")
    ctx.replies.append(Reply(text=await _check_in(ctx, event), popup=True))


async def attend_command(ctx: Context, args: Args) -> None:
    if len(args.words) > 1:
        raise UserError("events.bad_ref", value=args.rest(0))
    if args.words:
        event = await lookup.event_by_ref(ctx, args.words[0])
        if await role_in(ctx, event.class_id) is None:
            raise UserError("events.unknown_event", ref=args.words[0])
    else:
        event = await ctx.session.scalar(select(Event).join(Membership, Membership.class_id == Event.class_id).where(
            Membership.person_id == ctx.person.id, Event.checkin_closes_at > ctx.now())
            .order_by(Event.checkin_opened_at.desc(), Event.id.desc()).limit(1))
        if event is None:
            raise UserError("events.no_open_checkin")
    ctx.replies.append(Reply(text=await _check_in(ctx, event)))
