"""The daily post of a class plan in the group (📅 <title> 第8/21天 · 今日已打卡 12/40), a live tally.

The scheduler sends the post under its tally key; a check-in only asks for a refresh, and the tally
mechanism (handlers.core.tallies) renders the count when it edits, so a busy evening makes few edits."""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import tallies
from handlers.core.messages import Button
from handlers.core.tallies import TallyView
from handlers.core.texts import render
from models import ClassGroup, Student, StudentStatus
from models.habit_rules import day_number
from models.habit_schedule import moment
from models.habits import HabitCheckIn, HabitPlan

TALLY = "habit-daily"
_KEY = re.compile(rf"^{TALLY}:plan=(\d+):day=(\d{{4}}-\d\d-\d\d)$")


def tally_key(plan: HabitPlan, day: date) -> str:
    return f"{TALLY}:plan={plan.id}:day={day.isoformat()}"


def checkin_buttons(plan: HabitPlan, language: str, student_id: int | None = None) -> tuple[tuple[Button, ...], ...]:
    args = (str(plan.id),) if student_id is None else (str(plan.id), str(student_id))
    return ((Button(_checkin_label(language), "checkin", args),),)


@cache
def _checkin_label(language: str) -> str:
    return render(language, "habits.checkin_button")  # the same words on every post: rendered once a language


def daily_post_text(plan: HabitPlan, class_group: ClassGroup, day: date, done: int, total: int) -> str:
    return render(class_group.language, "habits.daily_post", title=plan.title, day=day_number(plan.start_date, day),
                  days=plan.days, done=done, total=total)


def post_was_sent(plan: HabitPlan, class_group: ClassGroup, day: date) -> bool:
    """Whether the scheduler has already handed out this day's post (it moves next_post_at past it)."""
    if plan.is_family or not plan.start_date <= day <= plan.end_date:
        return False
    return plan.next_post_at is None or plan.next_post_at > moment(day, plan.remind_at, class_group.timezone)


async def refresh_daily_post(session: AsyncSession, plan: HabitPlan, class_group: ClassGroup, day: date,
                             now: datetime) -> None:
    if post_was_sent(plan, class_group, day):  # else the post, when it goes out, carries the count
        await tallies.refresh(session, tally_key(plan, day), now)


def _tally_counts():
    taking_part = select(func.count()).select_from(Student).where(Student.class_id == bindparam("class_id"),
                                                                   Student.status == StudentStatus.active)
    done = select(func.count()).select_from(HabitCheckIn).where(HabitCheckIn.plan_id == bindparam("plan_id"),
                                                                HabitCheckIn.day == bindparam("day"))
    return select(done.scalar_subquery(), taking_part.scalar_subquery())


_TALLY_COUNTS = _tally_counts()  # built once: every edit of a daily post asks it


async def tally_counts(session: AsyncSession, plan: HabitPlan, day: date) -> tuple[int, int]:
    """(checked in on `day`, taking part) in one query, without loading anyone."""
    row = (await session.execute(_TALLY_COUNTS, {"class_id": plan.class_id, "plan_id": plan.id, "day": day})).one()
    return row[0], row[1]


async def render_daily_post(session: AsyncSession, key: str) -> TallyView | None:
    """The tally's renderer: the post as it reads now, with the day's count."""
    match = _KEY.match(key)
    plan = await session.get(HabitPlan, int(match.group(1))) if match else None
    if plan is None or plan.is_family:
        return None
    class_group = await session.get(ClassGroup, plan.class_id)
    day = date.fromisoformat(match.group(2))
    done, total = await tally_counts(session, plan, day)
    return TallyView(daily_post_text(plan, class_group, day, done, total), checkin_buttons(plan, class_group.language))
