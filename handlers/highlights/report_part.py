"""The highlights part of /report week: coverage, the children with a highlight of this week and of the last
3 weeks (this one included) against the roster; per child, how many of each. As in the coverage check, a
highlight of a skipped week counts for nobody."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.declarations import ReportFigures
from handlers.highlights.child_names import roster
from handlers.highlights.weeks import COVERAGE_WEEKS
from models import ClassGroup
from models.habit_rules import percent
from models.highlights import DigestState, Highlight, HighlightDigest


async def highlights_week(session: AsyncSession, class_group: ClassGroup, week: date,
                          now: datetime) -> ReportFigures:
    since = week - timedelta(days=7 * (COVERAGE_WEEKS - 1))
    counted = or_(Highlight.digest_id.is_(None), HighlightDigest.state == DigestState.published)
    found = (await session.execute(
        select(Highlight.student_id, Highlight.week_start)
        .outerjoin(HighlightDigest, HighlightDigest.id == Highlight.digest_id)
        .where(Highlight.class_id == class_group.id, counted, Highlight.week_start >= since,
               Highlight.week_start <= week))).all()
    children = await roster(session, class_group.id)
    this_week = {child.id: 0 for child in children}
    recent = dict(this_week)
    for student_id, week_start in found:
        if student_id in recent:
            recent[student_id] += 1
            this_week[student_id] += week_start == week
    seen_week = sum(1 for count in this_week.values() if count)
    seen_recent = sum(1 for count in recent.values() if count)
    item = {"children": len(children), "seen_week": seen_week, "seen_recent": seen_recent, "weeks": COVERAGE_WEEKS,
            "rate_week": percent(seen_week, len(children)), "rate_recent": percent(seen_recent, len(children))}
    return ReportFigures(
        items=[item] if children else [],
        columns=("reports.col_children", "reports.col_seen_week", "reports.col_seen_recent",
                 "reports.col_rate_week", "reports.col_rate_recent"),
        cells=("children", "seen_week", "seen_recent", "rate_week", "rate_recent"),
        rates=[("", item["rate_week"])] if children else [],
        child_columns=("reports.col_child", "reports.col_highlights_week", "reports.col_highlights_recent"),
        child_rows=[[child.name, this_week[child.id], recent[child.id]] for child in children])
