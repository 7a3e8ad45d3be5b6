"""/poll "<question>" <option> | <option> [| …] [multi] [anon] [until=<when>] (teacher or rep): the poll goes
to the class group with one button per option. Everything is checked before anything is written."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from handlers.core.arguments import Args, parse_date, parse_time
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.outbox import enqueue
from handlers.polls import ballots
from handlers.polls.tally import poll_push
from models import Role
from models.habit_schedule import moment
from models.polls import MAX_OPTION, MAX_OPTIONS, MAX_QUESTION, Poll

FLAGS = ("multi", "anon")
OPTIONS = ("until",)
END_OF_DAY = time(23, 59)


def split_flags(words: list[str]) -> tuple[list[str], set[str]]:
    """`multi` and `anon` are the last words; any earlier one is part of an option's text."""
    words, flags = list(words), set()
    while words and words[-1].lower() in FLAGS:
        flags.add(words.pop().lower())
    return words, flags


def parse_options(words: list[str]) -> list[str]:
    options = [option.strip() for option in " ".join(words).split("|")]
    if len(options) < 2:
        raise UserError("polls.too_few_options")
    if len(options) > MAX_OPTIONS:
        raise UserError("polls.too_many_options", limit=MAX_OPTIONS)
    seen = set()
    for option in options:
        if not option:
            raise UserError("polls.empty_option")
        if len(option) > MAX_OPTION:
            raise UserError("polls.option_too_long", value=option, limit=MAX_OPTION)
        if option.lower() in seen:
            raise UserError("polls.duplicate_option", value=option)
        seen.add(option.lower())
    return options


def parse_until(value: str, today: date) -> tuple[date, time]:
    """`HH:MM` (today), a day (its end), or a day and a time: `2026-12-04 18:00`, `明天 18:00`."""
    parts = value.split()
    try:
        if len(parts) == 1 and (":" in parts[0] or "：" in parts[0]):
            return today, parse_time(parts[0])
        if len(parts) == 1:
            return parse_date(parts[0], today), END_OF_DAY
        if len(parts) == 2:
            return parse_date(parts[0], today), parse_time(parts[1])
    except UserError:
        pass
    raise UserError("polls.bad_until", value=value)


async def create_poll(ctx: Context, args: Args) -> None:
    unknown = [key for key in args.options if key not in OPTIONS]
    if unknown:
        raise UserError("polls.unknown_option", name=unknown[0])
    words, flags = split_flags(args.words)
    if len(words) < 2:
        raise UserError("polls.missing_question")
    question = words[0].strip()
    if not question:
        raise UserError("polls.missing_question")
    if len(question) > MAX_QUESTION:
        raise UserError("polls.question_too_long", limit=MAX_QUESTION)
    options = parse_options(words[1:])
    class_group, _ = await ctx.require_class(Role.teacher, Role.rep)
    now = ctx.now()
    until: datetime | None = None
    if "until" in args.options:
        day, at = parse_until(args.options["until"], ctx.today(class_group))
        until = moment(day, at, class_group.timezone)
        if until <= now:
            raise UserError("polls.until_past", until=until.astimezone(ZoneInfo(class_group.timezone)))
    poll = Poll(class_id=class_group.id, created_by=ctx.person.id, question=question, options=options,
                multi="multi" in flags, anonymous="anon" in flags, created_at=now, until=until)
    ctx.session.add(poll)
    await ctx.session.flush()
    if poll.anonymous:
        ctx.session.add(ballots.new_salt(poll))
    await enqueue(ctx.session, await poll_push(ctx.session, poll, class_group, now), now)
    ctx.audit(class_group, "poll_new", poll_id=poll.id)
    if ctx.is_private:  # in the group the poll itself is the answer
        ctx.say("polls.created", poll=poll)
