"""/hw new <subject> "<content>" [due=…] [repeat=daily|weekdays until=…] [grading=stars|score|pass]: a teacher
sets homework; its card goes to the group with the 📤 button, and a repeating card opens a new one each
class day (schedules/homework.py)."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from handlers.core.arguments import Args, parse_date, parse_time
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.homework.occurrences import is_class_day, next_class_day, open_occurrence, schedule_next
from models import ClassGroup, Role
from models.habit_schedule import moment
from models.homework import MAX_CONTENT, MAX_SUBJECT, Grading, HomeworkCard, Repeat

OPTIONS = ("due", "repeat", "until", "grading")
DEFAULT_DUE = time(20, 0)


def _enum(kind, value: str, error: str):
    try:
        return kind(value.lower())
    except ValueError:
        raise UserError(error, value=value) from None


def _due(value: str | None, today: date) -> tuple[date | None, time]:
    """`HH:MM` (a day's time) or `YYYY-MM-DD HH:MM` (one moment): the day, when given, and the time."""
    if value is None:
        return None, DEFAULT_DUE
    parts = value.split()
    if len(parts) == 2:
        return parse_date(parts[0], today), parse_time(parts[1])
    if len(parts) == 1:
        return None, parse_time(parts[0])
    raise UserError("homework.bad_due", value=value)


async def new_card(ctx: Context, args: Args) -> None:
    unknown = [key for key in args.options if key not in OPTIONS]
    if unknown:
        raise UserError("homework.unknown_option", name=unknown[0])
    if not args.words:
        raise UserError("homework.missing_subject")
    subject, content = args.words[0].strip(), " ".join(args.words[1:]).strip()
    if len(subject) > MAX_SUBJECT:
        raise UserError("homework.subject_too_long", limit=MAX_SUBJECT)
    if not content:
        raise UserError("homework.missing_content")
    if len(content) > MAX_CONTENT:
        raise UserError("homework.content_too_long", limit=MAX_CONTENT)
    class_group, _ = await ctx.require_class(Role.teacher)
    today, now = ctx.today(class_group), ctx.now()
    grading = _enum(Grading, args.options.get("grading", "stars"), "homework.bad_grading")
    repeat = _enum(Repeat, args.options.get("repeat", "once"), "homework.bad_repeat")
    day, due_time = _due(args.options.get("due"), today)
    until = parse_date(args.options["until"], today) if "until" in args.options else None
    if until is not None and repeat == Repeat.once:
        raise UserError("homework.until_without_repeat")
    if until is not None and until < today:
        raise UserError("homework.until_past", until=until)
    if day is not None and repeat != Repeat.once:
        raise UserError("homework.repeat_with_date")
    card = HomeworkCard(class_id=class_group.id, created_by=ctx.person.id, subject=subject, content=content,
                        grading=grading, repeat=repeat, due_time=due_time, until=until,
                        bot_username=_deep_link_bot(ctx, class_group), created_at=now)
    first = _first_day(card, class_group, day or today, now)
    if first is None:
        raise UserError("homework.due_past", due=moment(day or today, due_time, class_group.timezone)
                        .astimezone(ZoneInfo(class_group.timezone)))
    ctx.session.add(card)
    await ctx.session.flush()
    occurrence = await open_occurrence(ctx.session, card, class_group, first, now)
    schedule_next(card, class_group, first)
    ctx.audit(class_group, "homework_new", card_id=card.id)
    if ctx.is_private:  # in the group the card itself is the answer
        ctx.say("homework.created", card=card, day=occurrence.day)


def _deep_link_bot(ctx: Context, class_group: ClassGroup) -> str | None:
    """The bot the 📤 link opens: this platform's, when the class's group is on it."""
    return ctx.platform.bot_username if class_group.platform == ctx.incoming.chat.platform else None


def _first_day(card: HomeworkCard, class_group: ClassGroup, day: date, now: datetime) -> date | None:
    """The first class day whose due time is still ahead: today's, or for a repeating card the next one."""
    if is_class_day(card, day) and moment(day, card.due_time, class_group.timezone) > now:
        return day
    if card.repeat == Repeat.once:
        return None
    return next_class_day(card, day)
