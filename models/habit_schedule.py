"""When a plan's scheduled messages are due, in the class's time zone, kept in the plan's next_*_at columns.

The private nudge comes two hours after the daily post. If that would fall in (or past the start of) the
class's quiet hours, it moves earlier, to NUDGE_MARGIN before quiet hours begin, as long as that is still
MIN_NUDGE_GAP after the post; otherwise there is no nudge that day. A nudge held until quiet hours end
would arrive the next morning, about a day that is already over."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models.classes import ClassGroup
from models.habits import HabitPlan, PlanMode
from models.quiet_hours import in_quiet_hours

NUDGE_DELAY = timedelta(hours=2)
NUDGE_MARGIN = timedelta(minutes=10)
MIN_NUDGE_GAP = timedelta(minutes=30)
LAST_NUDGE = time(23, 50)  # a nudge belongs to the day it is about


def moment(day: date, at: time, zone: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def local_day(when: datetime, zone: str) -> date:
    return when.astimezone(ZoneInfo(zone)).date()


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def nudge_time(remind: time, quiet_start: time, quiet_end: time) -> time | None:
    if in_quiet_hours(remind, quiet_start, quiet_end):
        return None
    post = _minutes(remind)
    latest = min(post + NUDGE_DELAY.seconds // 60, _minutes(LAST_NUDGE))
    quiet = _minutes(quiet_start)
    if quiet_start != quiet_end and post < quiet <= latest:
        latest = quiet - NUDGE_MARGIN.seconds // 60
    if latest - post < MIN_NUDGE_GAP.seconds // 60:
        return None
    return time(latest // 60, latest % 60)


def next_post(plan: HabitPlan, class_group: ClassGroup, after_day: date | None) -> datetime | None:
    day = plan.start_date if after_day is None else after_day + timedelta(days=1)
    return moment(day, plan.remind_at, class_group.timezone) if day <= plan.end_date else None


def next_nudge(plan: HabitPlan, class_group: ClassGroup, after_day: date | None) -> datetime | None:
    if plan.mode != PlanMode.required:
        return None
    at = nudge_time(plan.remind_at, class_group.quiet_start, class_group.quiet_end)
    day = plan.start_date if after_day is None else after_day + timedelta(days=1)
    if at is None or day > plan.end_date:
        return None
    return moment(day, at, class_group.timezone)


def next_digest(plan: HabitPlan, class_group: ClassGroup, after_day: date | None) -> datetime | None:
    """Stars go out on digest days whose week (the seven days before) holds a plan day."""
    if plan.is_family:
        return None  # a family plan is private: nothing about it goes to the group
    day = max(plan.start_date, after_day or plan.start_date) + timedelta(days=1)
    day += timedelta(days=(class_group.digest_weekday - day.weekday()) % 7)
    if day > plan.end_date + timedelta(days=7):
        return None
    return moment(day, class_group.digest_time, class_group.timezone)


def schedule_plan(plan: HabitPlan, class_group: ClassGroup) -> None:
    plan.next_post_at = next_post(plan, class_group, None)
    plan.next_nudge_at = next_nudge(plan, class_group, None)
    plan.next_stars_at = next_digest(plan, class_group, None)
    plan.next_certificates_at = moment(plan.end_date, time(0), class_group.timezone)
    end_of_last_day = moment(plan.end_date + timedelta(days=1), time(0), class_group.timezone)
    plan.next_summary_at = None if plan.is_family else end_of_last_day


def unschedule_plan(plan: HabitPlan) -> None:
    plan.next_post_at = plan.next_nudge_at = plan.next_stars_at = None
    plan.next_certificates_at = plan.next_summary_at = None
