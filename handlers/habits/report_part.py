"""The habits part of /report week: per class plan, the check-ins of the week's plan days so far (on time and
make-ups) against the children taking part times those days; per child, the days kept of the week."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.declarations import ReportFigures
from handlers.habits.participants import taking_part
from models import ClassGroup
from models.habit_rules import days_between, percent
from models.habit_schedule import local_day
from models.habits import HabitCheckIn, HabitPlan


def counted_days(plan: HabitPlan, class_group: ClassGroup, week: date, now: datetime) -> list[date]:
    """The plan's days in the week up to today, and not after the day it was stopped."""
    last = min(week + timedelta(days=6), local_day(now, class_group.timezone))
    if plan.stopped_at is not None:
        last = min(last, local_day(plan.stopped_at, class_group.timezone))
    return days_between(plan.start_date, plan.days, week, last)


async def habits_week(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime) -> ReportFigures:
    plans = (await session.scalars(select(HabitPlan).where(
        HabitPlan.class_id == class_group.id, HabitPlan.student_id.is_(None),
        HabitPlan.start_date <= week + timedelta(days=6), HabitPlan.end_date >= week).order_by(HabitPlan.id))).all()
    items, rates, rows = [], [], []
    for plan in plans:
        days = counted_days(plan, class_group, week, now)
        if not days:
            continue
        children = await taking_part(session, plan)
        kept: dict[int, int] = {}
        for student_id in (await session.scalars(select(HabitCheckIn.student_id).where(
                HabitCheckIn.plan_id == plan.id, HabitCheckIn.day.in_(days)))).all():
            kept[student_id] = kept.get(student_id, 0) + 1
        done = sum(kept.get(child.id, 0) for child in children)
        rate = percent(done, len(children) * len(days))
        items.append({"title": plan.title, "days": len(days), "children": len(children), "done": done,
                      "rate": rate})
        rates.append((plan.title, rate))
        rows.extend([child.name, plan.title, kept.get(child.id, 0), len(days)] for child in children)
    return ReportFigures(items=items, columns=("reports.col_plan", "reports.col_days", "reports.col_children",
                                               "reports.col_checkins", "reports.col_rate"),
                         cells=("title", "days", "children", "done", "rate"), rates=rates,
                         child_columns=("reports.col_child", "reports.col_plan", "reports.col_kept",
                                        "reports.col_days"),
                         child_rows=rows)
