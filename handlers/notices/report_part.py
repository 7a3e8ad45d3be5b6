"""The notices part of /report week: the notices that reached the group in the week (up to now), each with
the families that confirmed (✅ 收到) against the class's families, as /notice status counts them; per child,
whether the family confirmed each notice that asked for it."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.declarations import ReportFigures
from handlers.notices import confirmations, lookup
from models import ClassGroup
from models.habit_rules import percent
from models.habit_schedule import moment
from models.notices import Notice

HEADING = 30  # a notice has no title: its first line, cut to this, names it in the report


def heading(notice: Notice) -> str:
    first = notice.text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= HEADING else first[:HEADING - 1] + "…"


async def notices_week(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime) -> ReportFigures:
    starts = moment(week, time(0, 0), class_group.timezone)
    ends = moment(week + timedelta(days=7), time(0, 0), class_group.timezone)
    notices = (await session.scalars(select(Notice).where(
        Notice.class_id == class_group.id, Notice.posted_at.is_not(None), Notice.posted_at >= starts,
        Notice.posted_at < ends, Notice.posted_at <= now).order_by(Notice.posted_at, Notice.id))).all()
    children = await lookup.class_children(session, class_group.id) if notices else []
    items, rates, rows = [], [], []
    for notice in notices:
        title = heading(notice)
        if not notice.ack:  # nothing asked of the families: nothing to count
            items.append({"title": title, "ack": False, "confirmed": None, "families": len(children), "rate": None})
            continue
        done = await confirmations.confirmed_children(session, notice)
        confirmed = sum(1 for child in children if child.id in done)
        rate = percent(confirmed, len(children))
        items.append({"title": title, "ack": True, "confirmed": confirmed, "families": len(children), "rate": rate})
        rates.append((title, rate))
        rows.extend([child.name, title, 1 if child.id in done else 0] for child in children)
    return ReportFigures(items=items, columns=("reports.col_notice", "reports.col_confirmed", "reports.col_families",
                                               "reports.col_rate"),
                         cells=("title", "confirmed", "families", "rate"), rates=rates,
                         child_columns=("reports.col_child", "reports.col_notice", "reports.col_confirmed"),
                         child_rows=rows)
