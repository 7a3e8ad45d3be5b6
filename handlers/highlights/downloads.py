"""The open week's highlights (/highlight list) as a download (handlers.core.exports): the class's teachers
only, for the list names children."""
from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from handlers.classes.families import ROSTER_ORDER
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.exports import ExportList, Table
from handlers.highlights.photos import photo_counts
from handlers.highlights.teaching import taught_class
from models import Student
from models.highlights import Highlight

WEEK = "hl-week"


async def week_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    try:
        class_id, week = int(args[0]), date.fromisoformat(args[1])
    except (IndexError, ValueError):
        raise UserError("stale_button") from None
    class_group = await taught_class(ctx, class_id)
    rows = (await ctx.session.execute(
        select(Highlight, Student).join(Student, Student.id == Highlight.student_id)
        .where(Highlight.class_id == class_group.id, Highlight.week_start == week)
        .order_by(*ROSTER_ORDER, Highlight.id))).all()
    counts = await photo_counts(ctx.session, [highlight.id for highlight, _ in rows])
    zone = ZoneInfo(class_group.timezone)
    table = Table(ctx.text("highlights.export_title"), ctx.text("highlights.export_header").split("|"),
                  [[week, child.name, highlight.text, counts.get(highlight.id, 0),
                    highlight.recorded_at.astimezone(zone)] for highlight, child in rows])
    return ExportList(class_group, [table], f"highlights-{week.isoformat()}")
