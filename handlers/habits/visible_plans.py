"""Which habit plans a person may see here, and finding one by its number (#3) or title.

A class plan is seen by everyone in the class; a family plan only by that child's guardians and the
teachers, and never in the group chat."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import children_of
from handlers.core.context import Context
from handlers.core.errors import UserError
from models import ClassGroup, Membership, Role
from models.habits import HabitCheckIn, HabitPlan


def plan_state(plan: HabitPlan, today: date) -> str:
    if plan.is_stopped:
        return "stopped"
    if today < plan.start_date:
        return "upcoming"
    return "ended" if today > plan.end_date else "running"


def plan_id_of(word: str | None) -> int | None:
    word = (word or "").lstrip("#＃")
    return int(word) if word.isdecimal() and len(word) < 10 else None


async def today_count(session: AsyncSession, plan: HabitPlan, today: date) -> int:
    return await session.scalar(select(func.count()).select_from(HabitCheckIn).where(
        HabitCheckIn.plan_id == plan.id, HabitCheckIn.day == today))


async def visible_plans(ctx: Context) -> list[tuple[HabitPlan, ClassGroup]]:
    """Newest first: in a group the class plans of its class, privately every plan the person may see."""
    group = await ctx.group_class()
    if not ctx.is_private:
        if group is None:
            raise UserError("not_a_class")
        query = select(HabitPlan, ClassGroup).join(ClassGroup, ClassGroup.id == HabitPlan.class_id).where(
            HabitPlan.class_id == group.id, HabitPlan.student_id.is_(None))
        return [(plan, group) for plan, group in await ctx.session.execute(query.order_by(HabitPlan.id.desc()))]
    memberships = (await ctx.session.execute(select(Membership.class_id, Membership.role).where(
        Membership.person_id == ctx.person.id))).all()
    teaching = [class_id for class_id, role in memberships if role == Role.teacher]
    member_of = [class_id for class_id, _ in memberships]
    own_children = [child.id for child in await children_of(ctx.session, ctx.person.id)]
    query = (select(HabitPlan, ClassGroup).join(ClassGroup, ClassGroup.id == HabitPlan.class_id).where(
        or_(HabitPlan.class_id.in_(teaching),
            HabitPlan.class_id.in_(member_of) & HabitPlan.student_id.is_(None),
            HabitPlan.student_id.in_(own_children))))
    return [(plan, group) for plan, group in await ctx.session.execute(query.order_by(HabitPlan.id.desc()))]


async def visible_plan(ctx: Context, ref: str | None) -> tuple[HabitPlan, ClassGroup]:
    plan_id = plan_id_of(ref)
    if plan_id is None:
        raise UserError("habits.missing_plan") if not ref else UserError("habits.unknown_plan", ref=ref)
    for plan, class_group in await visible_plans(ctx):
        if plan.id == plan_id:
            return plan, class_group
    plan = await ctx.session.get(HabitPlan, plan_id)
    if plan is not None and not plan.is_family:
        raise UserError("habits.wrong_class", ref=ref)
    raise UserError("habits.unknown_plan", ref=ref)


def find_plan(plans: list[HabitPlan], word: str | None) -> HabitPlan | None:
    """The plan a leading word names, by number or exact title; None when it names none (it is a note)."""
    if not word:
        return None
    plan_id = plan_id_of(word)
    for plan in plans:
        if plan.id == plan_id or plan.title.casefold() == word.casefold():
            return plan
    return None
