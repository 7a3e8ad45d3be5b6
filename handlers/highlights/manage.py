"""`/highlight list` (the open week's, with ids), `/highlight edit <id> <text>` and `/highlight delete <id>`:
a teacher's own class's highlights, until their week is posted or skipped."""
from __future__ import annotations

from sqlalchemy import select

from handlers.classes.families import ROSTER_ORDER
from handlers.core import exports
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.highlights import downloads
from handlers.highlights.photos import photo_counts
from handlers.highlights.teaching import taught_class_ids
from handlers.highlights.typed import typed_text
from handlers.highlights.weeks import last_day, open_week
from models import Role, Student
from models.highlights import MAX_HIGHLIGHT, Highlight


async def list_command(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher)
    week = await open_week(ctx.session, class_group, ctx.now())
    rows = (await ctx.session.execute(
        select(Highlight, Student).join(Student, Student.id == Highlight.student_id)
        .where(Highlight.class_id == class_group.id, Highlight.week_start == week, Highlight.digest_id.is_(None))
        .order_by(*ROSTER_ORDER, Highlight.id))).all()
    counts = await photo_counts(ctx.session, [highlight.id for highlight, _ in rows])
    items = [{"id": highlight.id, "child": child.name, "text": highlight.text, "photos": counts.get(highlight.id, 0)}
             for highlight, child in rows]
    buttons = (exports.button(ctx, downloads.WEEK, str(class_group.id), week.isoformat()),) if items else ()
    ctx.say("highlights.listed", items=items, week_from=week, week_to=last_day(class_group, week), buttons=buttons)


async def _editable(ctx: Context, reference: str | None) -> Highlight:
    word = (reference or "").lstrip("#＃")
    if not word:
        raise UserError("highlights.missing_id")
    highlight = await ctx.session.get(Highlight, int(word)) if word.isdecimal() and len(word) < 10 else None
    if highlight is None or highlight.class_id not in await taught_class_ids(ctx):
        raise UserError("highlights.unknown_id", ref=reference)
    if highlight.digest_id is not None:
        raise UserError("highlights.already_published")
    return highlight


async def edit_command(ctx: Context, args: Args) -> None:
    highlight = await _editable(ctx, args.word(0))
    text = typed_text(ctx, args, 1, sub=True)
    if not text:
        raise UserError("highlights.missing_new_text")
    if len(text) > MAX_HIGHLIGHT:
        raise UserError("highlights.text_too_long", limit=MAX_HIGHLIGHT)
    highlight.text = text
    child = await ctx.session.get(Student, highlight.student_id)
    ctx.audit(None, "highlight.edit", highlight=highlight.id)
    ctx.say("highlights.edited", id=highlight.id, child=child.name, text=text)


async def delete_command(ctx: Context, args: Args) -> None:
    highlight = await _editable(ctx, args.word(0))
    child = await ctx.session.get(Student, highlight.student_id)
    await ctx.session.delete(highlight)
    ctx.audit(None, "highlight.delete", highlight=highlight.id)
    ctx.say("highlights.deleted", id=highlight.id, child=child.name)
