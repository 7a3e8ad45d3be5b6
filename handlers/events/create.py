"""/event "<title>" <when> (teacher or rep): the RSVP card goes to the class group. `<when>` is `HH:MM`
(today) or a day and a time (`12-05 15:00`, `明天 15:00`), and must be to come."""
from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from handlers.core.arguments import Args, parse_date, parse_time
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.outbox import enqueue
from handlers.events.cards import card_push
from models import Role
from models.events import MAX_TITLE, Event
from models.habit_schedule import moment


def parse_when(words: list[str], today: date) -> tuple[date, time]:
    parts = " ".join(words).split()
    try:
        if len(parts) == 1 and (":" in parts[0] or "：" in parts[0]):
            return today, parse_time(parts[0])
        if len(parts) == 2:
            return parse_date(parts[0], today), parse_time(parts[1])
    except UserError:
        pass
    raise UserError("events.bad_when", value=" ".join(words))


async def create_event(ctx: Context, args: Args) -> None:
    if args.options:
        raise UserError("events.unknown_option", name=next(iter(args.options)))
    title = (args.word(0) or "").strip()
    if not title:
        raise UserError("events.missing_title")
    if len(title) > MAX_TITLE:
        raise UserError("events.title_too_long", limit=MAX_TITLE)
    if len(args.words) < 2:
        raise UserError("events.missing_when")
    class_group, _ = await ctx.require_class(Role.teacher, Role.rep)
    day, at = parse_when(args.words[1:], ctx.today(class_group))
    starts_at = moment(day, at, class_group.timezone)
    now = ctx.now()
    if starts_at <= now:
        raise UserError("events.when_past", at=starts_at.astimezone(ZoneInfo(class_group.timezone)))
    event = Event(class_id=class_group.id, created_by=ctx.person.id, title=title, starts_at=starts_at, created_at=now)
    ctx.session.add(event)
    await ctx.session.flush()
    await enqueue(ctx.session, await card_push(ctx.session, event, class_group, now), now)
    ctx.audit(class_group, "event_new", event_id=event.id)
    if ctx.is_private:  # in the group the card itself is the answer
        ctx.say("events.created", event=event)
