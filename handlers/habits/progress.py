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
from models.habit_rules import calendar, completed, current_streak, day_number, kept_count, longest_streak, percent
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
    for plan, class_group in reversed(plans):
        await _show(ctx, plan, class_group)
    if not ctx.replies:
        raise UserError("habits.not_a_guardian")


def _is_current(plan: HabitPlan, today: date) -> bool:
    state = plan_state(plan, today)
    return state == "running" or state == "ended" and today - plan.end_date <= RECENT


def so_far(plan: HabitPlan, today: date, record: ChildRecord) -> int:
    """Plan days that have had their chance: up to yesterday, and today once it is kept."""
    last = min(today if today in record.on_time else today - timedelta(days=1), plan.end_date)
    return max(0, (last - plan.start_date).days + 1)


def distribution(plan: HabitPlan, today: date, children: list[Student], records) -> list[int]:
    """How many children are at 100%, 80–99%, 50–79% and below 50% of the days so far."""
    buckets = [0, 0, 0, 0]
    for child in children:
        record = records[child.id]
        kept, elapsed = (
            kept_count(plan.start_date, plan.days, record.on_time, record.makeups),
            so_far(plan, today, record),
        )
        share = percent(kept, elapsed) if elapsed else 100
        buckets[0 if share >= 100 else 1 if completed(kept, elapsed) else 2 if share >= 50 else 3] += 1
    return buckets


async def _show(ctx: Context, plan: HabitPlan, class_group: ClassGroup) -> None:
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
    if not ctx.is_private:
        ctx.say("habits.counts_progress", **counts)
        return
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
        ctx.say("habits.class_progress", lines=rows, **counts)
        return
    own = {child.id for child in await children_of(ctx.session, ctx.person.id, class_group.id)}
    for child in children:
        if child.id in own:
            record = records[child.id]
            kept = kept_count(plan.start_date, plan.days, record.on_time, record.makeups)
            ctx.say(
                "habits.family_progress",
                plan=plan,
                child=child.name,
                marks=[m.value for m in calendar(plan.start_date, plan.days, today, record.on_time, record.makeups)],
                streak=current_streak(today, record.on_time, record.makeups),
                longest=longest_streak(record.on_time, record.makeups),
                done=kept,
                days=plan.days,
                rate=percent(kept, plan.days),
                makeups=len(record.makeups),
                quota=plan.makeup_quota,
            )
    if not own and role == Role.rep:
        ctx.say("habits.counts_progress", **counts)
