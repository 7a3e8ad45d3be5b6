"""/notice "<text>" [ack] [at=<when>] [urgent] (teacher or rep), with photos or files sent with it: the notice
goes to the class group now, or at `at` (schedules/notices.py posts it once, after quiet hours unless
urgent). Everything is checked, and the attachments fetched, before anything is written."""
from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from handlers.core.arguments import Args, parse_date, parse_time
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.outbox import enqueue
from handlers.notices.post import goes_out_at, notice_push
from models import Role
from models.habit_schedule import moment
from models.notices import MAX_ATTACHMENTS, MAX_TEXT, Notice, NoticeAttachment

FLAGS = ("ack", "urgent")
OPTIONS = ("at",)
KINDS = ("photo", "document")


def split_flags(words: list[str]) -> tuple[list[str], set[str]]:
    """`ack` and `urgent` are the last words; an earlier one is part of the text."""
    words, flags = list(words), set()
    while words and words[-1].lower() in FLAGS:
        flags.add(words.pop().lower())
    return words, flags


def parse_at(value: str, today: date) -> tuple[date, time]:
    """`HH:MM` (today), or a day and a time: `2026-12-04 18:00`, `明天 08:00`. A day alone says no hour."""
    parts = value.split()
    try:
        if len(parts) == 1 and (":" in parts[0] or "：" in parts[0]):
            return today, parse_time(parts[0])
        if len(parts) == 2:
            return parse_date(parts[0], today), parse_time(parts[1])
    except UserError:
        pass
    raise UserError("notices.bad_at", value=value)


def file_name(kind: str, given: str | None, notice_position: int) -> str:
    if given:
        return given[:200]
    return f"notice-{notice_position + 1}.jpg" if kind == "photo" else f"notice-{notice_position + 1}"


async def create_notice(ctx: Context, args: Args) -> None:
    unknown = [key for key in args.options if key not in OPTIONS]
    if unknown:
        raise UserError("notices.unknown_option", name=unknown[0])
    words, flags = split_flags(args.words)
    text = " ".join(words).strip()
    if not text:
        raise UserError("notices.missing_text")
    if len(text) > MAX_TEXT:
        raise UserError("notices.text_too_long", limit=MAX_TEXT)
    attachments = [a for a in ctx.incoming.attachments if a.kind in KINDS]
    if len(attachments) > MAX_ATTACHMENTS:
        raise UserError("notices.too_many_attachments", limit=MAX_ATTACHMENTS)
    class_group, _ = await ctx.require_class(Role.teacher, Role.rep)
    now = ctx.now()
    post_at = now
    if "at" in args.options:
        day, at = parse_at(args.options["at"], ctx.today(class_group))
        post_at = moment(day, at, class_group.timezone)
        if post_at <= now:
            raise UserError("notices.at_past", at=post_at.astimezone(ZoneInfo(class_group.timezone)))
    files = [(a, await ctx.platform.download(a)) for a in attachments]
    notice = Notice(class_id=class_group.id, created_by=ctx.person.id, text=text, ack="ack" in flags,
                    urgent="urgent" in flags, created_at=now, post_at=post_at)
    ctx.session.add(notice)
    await ctx.session.flush()
    for position, (attachment, data) in enumerate(files):
        ctx.session.add(NoticeAttachment(notice_id=notice.id, position=position, kind=attachment.kind,
                                         file_name=file_name(attachment.kind, attachment.file_name, position),
                                         data=data))
    await ctx.session.flush()
    scheduled = post_at > now
    if not scheduled:
        await enqueue(ctx.session, await notice_push(ctx.session, notice, class_group, now), now)
    ctx.audit(class_group, "notice_new", notice_id=notice.id)
    out_at = goes_out_at(notice, class_group, now).astimezone(ZoneInfo(class_group.timezone))
    held = out_at > post_at.astimezone(ZoneInfo(class_group.timezone))
    if scheduled or held:
        ctx.say("notices.scheduled", notice=notice, at=out_at, held=held)
    elif ctx.is_private:  # in the group the notice itself is the answer
        ctx.say("notices.created", notice=notice)
