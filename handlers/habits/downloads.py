"""A class plan's progress as a download (handlers.core.exports), for the class's teachers: each child's days
kept, make-ups, rate and whether they completed it, and each plan day's check-ins."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.exports import ExportList, Table
from handlers.habits.checkin_records import records_of
from handlers.habits.participants import taking_part
from handlers.habits.summary import summarize
from models import ClassGroup, Membership, Role
from models.habit_rules import day_number, percent
from models.habits import HabitPlan

PROGRESS = "plan-progress"


async def progress_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    plan = await ctx.session.get(HabitPlan, int(args[0])) if args and args[0].isdecimal() else None
    if plan is None:
        raise UserError("stale_button")
    role = await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == plan.class_id, Membership.person_id == ctx.person.id))
    if role != Role.teacher:
        raise UserError("not_allowed", roles=["teacher"], command="plan")
    class_group = await ctx.session.get(ClassGroup, plan.class_id)
    summary = summarize(plan, await taking_part(ctx.session, plan), await records_of(ctx.session, plan))
    yes, no = ctx.text("habits.sheet_yes"), ctx.text("habits.sheet_no")
    children = Table(ctx.text("habits.sheet_children"), ctx.text("habits.sheet_header").split("|"),
                     [[line.name, line.kept, line.makeups, percent(line.kept, plan.days), yes if line.completed else no]
                      for line in summary.lines])
    days = Table(ctx.text("habits.sheet_days"), ctx.text("habits.sheet_days_header").split("|"),
                 [[day_number(plan.start_date, day), day, count] for day, count in summary.per_day])
    return ExportList(class_group, [children, days], f"plan-{plan.id}")
