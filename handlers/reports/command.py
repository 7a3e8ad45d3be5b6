"""/report week [class] and /report week <YYYY-MM-DD> (teacher or rep, privately): the class week in one
message with its XLSX and overview chart; a date picks the week holding it. A rep gets no per-child rows."""
from __future__ import annotations

import re

from sqlalchemy import select

from handlers.core.arguments import Args, parse_date
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Reply
from handlers.reports import week as weeks
from models import ClassGroup, Membership, Role

READERS = (Role.teacher, Role.rep)
_DATE_LIKE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")


async def _named_class(ctx: Context, name: str) -> int | None:
    return await ctx.session.scalar(select(ClassGroup.id).join(Membership, Membership.class_id == ClassGroup.id).where(
        Membership.person_id == ctx.person.id, Membership.role.in_(READERS), ClassGroup.name == name))


async def week_command(ctx: Context, args: Args) -> None:
    if len(args.words) > 2:
        raise UserError("reports.too_many_words")
    day_word = next((word for word in args.words if _DATE_LIKE.fullmatch(word)), None)
    class_word = next((word for word in args.words if word is not day_word), None)
    if class_word is not None:
        class_id = await _named_class(ctx, class_word)
        if class_id is None:
            raise UserError("reports.unknown_class", name=class_word)
        ctx.forced_class_id = class_id
    class_group, membership = await ctx.require_class(*READERS)
    today = ctx.today(class_group)
    day = today
    if day_word is not None:
        try:
            day = parse_date(day_word, today)
        except UserError:
            raise UserError("reports.bad_date", value=day_word) from None
        if day > today:
            raise UserError("reports.future_week", value=day_word)
    per_child = membership is not None and membership.role == Role.teacher
    report = await weeks.week_report(ctx.session, class_group, weeks.week_of(day), ctx.now())
    # The text and the files apart: on WeChat the text is then the passive reply, the files follow by upload.
    ctx.replies.append(Reply(text=weeks.text(report, ctx.language, per_child=per_child)))
    ctx.replies.append(Reply(media=tuple(weeks.files(report, ctx.language, per_child=per_child))))
