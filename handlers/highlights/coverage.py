"""The coverage check (so that every child is seen): children with no highlight in the last 3 weeks come
first, with the date of their last one or "never", each with a one-tap ➕ to add one; then the others.
A highlight of a skipped week counts for nobody: no family saw it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel
from sqlalchemy import case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import waits
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.highlights.child_names import roster
from handlers.highlights.record import ask_for
from handlers.highlights.teaching import taught_class
from handlers.highlights.weeks import COVERAGE_WEEKS
from models import ClassGroup, Student
from models.habit_schedule import local_day
from models.highlights import DigestState, Highlight, HighlightDigest

ADD_WAIT = "highlights.add"


@dataclass
class Seen:
    child: Student
    last: date | None  # the class day of the child's latest highlight
    recent: int  # highlights in the last 3 weeks


class Choosing(BaseModel):
    """The coverage check's ➕ buttons: which class's child gets a highlight."""

    class_id: int


async def coverage(session: AsyncSession, class_group: ClassGroup, week: date) -> list[Seen]:
    """Every child on the roster: the unseen first (never before an old date), then the others."""
    counted = or_(Highlight.digest_id.is_(None), HighlightDigest.state == DigestState.published)
    since = week - timedelta(days=7 * (COVERAGE_WEEKS - 1))
    recent = func.sum(case((Highlight.week_start >= since, 1), else_=0))
    rows = await session.execute(
        select(Highlight.student_id, func.max(Highlight.recorded_at), func.count(), recent)
        .outerjoin(HighlightDigest, HighlightDigest.id == Highlight.digest_id)
        .where(Highlight.class_id == class_group.id, counted).group_by(Highlight.student_id))
    found = {student_id: (last, recent or 0) for student_id, last, _, recent in rows.all()}
    seen = [Seen(child, local_day(found[child.id][0], class_group.timezone) if child.id in found else None,
                 found.get(child.id, (None, 0))[1]) for child in await roster(session, class_group.id)]
    unseen = sorted((entry for entry in seen if entry.recent == 0), key=lambda e: e.last or date.min)
    return unseen + [entry for entry in seen if entry.recent > 0]


async def show(ctx: Context, class_group: ClassGroup, week: date) -> None:
    entries = await coverage(ctx.session, class_group, week)
    unseen = [entry for entry in entries if entry.recent == 0]
    buttons = []
    if unseen:
        wait_id = await waits.begin(ctx, ADD_WAIT, Choosing(class_id=class_group.id))
        buttons = [(waits.choice(wait_id, ctx.text("highlights.add_button", child=entry.child.name),
                                 str(entry.child.id)),) for entry in unseen]
    ctx.say("highlights.coverage", span_weeks=COVERAGE_WEEKS, unseen=unseen,
            seen=[entry for entry in entries if entry.recent > 0], buttons=buttons)


async def add_chosen(ctx: Context, data: Choosing, answer: waits.Answer) -> None:
    class_group = await taught_class(ctx, data.class_id)
    chosen = (answer.choice or ("",))[0]
    child = await ctx.session.get(Student, int(chosen)) if chosen.isdigit() else None
    if child is None or child.class_id != class_group.id:
        raise UserError("stale_button")
    await ask_for(ctx, class_group, child)
