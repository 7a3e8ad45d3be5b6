"""The daily post of a class plan in the group (📅 <title> 第8/21天 · 今日已打卡 12/40) and keeping its count current.

The post is sent by the scheduler under a tally key; every check-in asks for an edit with the new count,
and the outbox coalesces those edits so a busy evening stays within the platform's edit limits."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import Button
from handlers.outbox import request_edit
from handlers.texts import render
from models import ClassGroup
from models.habit_rules import day_number
from models.habit_schedule import moment
from models.habits import HabitPlan


def tally_key(plan: HabitPlan, day: date) -> str:
    return f"habit-daily:plan={plan.id}:day={day.isoformat()}"


def checkin_buttons(plan: HabitPlan, language: str, student_id: int | None = None) -> tuple[tuple[Button, ...], ...]:
    args = (str(plan.id),) if student_id is None else (str(plan.id), str(student_id))
    return ((Button(render(language, "habits.checkin_button"), "checkin", args),),)


def daily_post_text(plan: HabitPlan, class_group: ClassGroup, day: date, done: int, total: int) -> str:
    return render(class_group.language, "habits.daily_post", title=plan.title, day=day_number(plan.start_date, day),
                  days=plan.days, done=done, total=total)


def post_was_sent(plan: HabitPlan, class_group: ClassGroup, day: date) -> bool:
    """Whether the scheduler has already handed out this day's post (it moves next_post_at past it)."""
    if plan.is_family or not plan.start_date <= day <= plan.end_date:
        return False
    return plan.next_post_at is None or plan.next_post_at > moment(day, plan.remind_at, class_group.timezone)


async def refresh_daily_post(session: AsyncSession, plan: HabitPlan, class_group: ClassGroup, day: date,
                             done: int, total: int, now: datetime) -> None:
    if not post_was_sent(plan, class_group, day):
        return  # the post, when it goes out, is rendered with the count of that moment
    await request_edit(session, tally_key=tally_key(plan, day),
                       text=daily_post_text(plan, class_group, day, done, total),
                       buttons=checkin_buttons(plan, class_group.language), now=now)
