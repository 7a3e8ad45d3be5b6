"""/progress (进度): a family's calendar, a teacher's class view privately, and only counts in the group."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from handlers.classes.families import children_of
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.habits.checkin_records import ChildRecord, records_of
from handlers.habits.participants import taking_part
from handlers.habits.visible_plans import plan_state, visible_plan, visible_plans
from models import ClassGroup, Membership, Role, Student
from models.habit_rules import (
    attendance,
    calendar,
    current_streak,
    day_number,
    kept_count,
    longest_streak,
    percent,
    plan_days,
)
from models.habits import HabitPlan

RECENT = timedelta(days=7)  # an ended plan stays in /progress for a week


async def progress(ctx: Context, args: Args) -> None:
    if args.word(0):
        plans = [await visible_plan(ctx, args.word(0))]
    else:
        plans = [(plan, class_group) for plan, class_group in await visible_plans(ctx)
                 if _is_current(plan, ctx.today(class_group))]
    if not plans:
        raise UserError("habits.no_current_plans")
    if not ctx.is_private:
        return await _in_group(ctx, plans)
    for plan, class_group in reversed(plans):
        await _show(ctx, plan, class_group, ctx.say)
    if not ctx.replies:
        raise UserError("habits.not_a_guardian")


async def _in_group(ctx: Context, plans: list[tuple[HabitPlan, ClassGroup]]) -> None:
    """The group gets one message of counts for every plan; a teacher's class view and a family's
    calendars go to that person privately, so the group is not filled with one message per plan."""
    counts = [(await _figures(ctx, plan, class_group))[0] for plan, class_group in reversed(plans)]
    ctx.say("habits.group_progress", plans=counts)

    def privately(key: str, /, **values) -> None:
        if key != "habits.counts_progress":  # the group has just seen the counts
            ctx.tell(ctx.person, key, **values)

    for plan, class_group in reversed(plans):
        await _show(ctx, plan, class_group, privately)


def _is_current(plan: HabitPlan, today: date) -> bool:
    state = plan_state(plan, today)
    return state == "running" or state == "ended" and today - plan.end_date <= RECENT


def distribution(plan: HabitPlan, today: date, children: list[Student], records) -> list[int]:
    """How many children are at 100%, 80–99%, 50–79% and below 50% of the plan days so far."""
    return attendance(plan.start_date, plan.days, today,
                      ((records[child.id].on_time, records[child.id].makeups) for child in children))


def weeks(plan: HabitPlan, today: date, record: ChildRecord) -> list[list[tuple[date, str]]]:
    """The calendar in rows of seven plan days, each mark with its date, so a family can find any day."""
    marks = calendar(plan.start_date, plan.days, today, record.on_time, record.makeups)
    days = plan_days(plan.start_date, plan.days)
    pairs = [(day, mark.value) for day, mark in zip(days, marks, strict=True)]
    return [pairs[i:i + 7] for i in range(0, len(pairs), 7)]


async def _figures(ctx: Context, plan: HabitPlan, class_group: ClassGroup):
    today = ctx.today(class_group)
    children = await taking_part(ctx.session, plan)
    records = await records_of(ctx.session, plan)
    day = min(max(day_number(plan.start_date, today), 0), plan.days)
    done = sum(1 for child in children if today in records[child.id].on_time)
    counts = dict(
        plan=plan,
        day=day,
        done=done,
        total=len(children),
        joined=sum(1 for child in children if records[child.id].on_time or records[child.id].makeups),
        buckets=distribution(plan, today, children, records),
    )
    return counts, today, children, records


async def _show(ctx: Context, plan: HabitPlan, class_group: ClassGroup, say) -> None:
    counts, today, children, records = await _figures(ctx, plan, class_group)
    role = await ctx.session.scalar(
        select(Membership.role).where(Membership.class_id == class_group.id, Membership.person_id == ctx.person.id)
    )
    if role == Role.teacher:
        rows = [
            (
                child.name,
                today in records[child.id].on_time,
                kept_count(plan.start_date, plan.days, records[child.id].on_time, records[child.id].makeups),
                current_streak(today, records[child.id].on_time, records[child.id].makeups),
                len(records[child.id].makeups),
            )
            for child in children
        ]
        say("habits.class_progress", lines=rows, **counts)
        return
    own = {child.id for child in await children_of(ctx.session, ctx.person.id, class_group.id)}
    for child in children:
        if child.id in own:
            record = records[child.id]
            kept = kept_count(plan.start_date, plan.days, record.on_time, record.makeups)
            say(
                "habits.family_progress",
                plan=plan,
                child=child.name,
                weeks=weeks(plan, today, record),
                streak=current_streak(today, record.on_time, record.makeups),
                longest=longest_streak(record.on_time, record.makeups),
                done=kept,
                days=plan.days,
                rate=percent(kept, plan.days),
                makeups=len(record.makeups),
                quota=plan.makeup_quota,
            )
    if not own and role == Role.rep:
        say("habits.counts_progress", **counts)
