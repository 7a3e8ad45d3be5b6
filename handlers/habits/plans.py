"""/plan new|list|show|stop: class habit plans made by teachers, and family plans parents make for their child."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from handlers.classes.families import children_of, pick_child
from handlers.classes.names import find_student
from handlers.core import exports
from handlers.core.arguments import Args, parse_date, parse_time
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ChatRef, Reply
from handlers.core.texts import render
from handlers.habits import downloads
from handlers.habits.participants import taking_part
from handlers.habits.visible_plans import plan_state, today_count, visible_plan, visible_plans
from models import ClassGroup, Guardianship, GuardianStatus, Membership, Role, Student, StudentStatus
from models.habit_rules import end_of
from models.habit_schedule import schedule_plan, unschedule_plan
from models.habits import MAX_TITLE, Evidence, HabitPlan, PlanMode
from models.quiet_hours import in_quiet_hours

OPTIONS = ("days", "start", "remind", "evidence", "makeup", "mode", "for")
MAX_DAYS = 100
MAX_MAKEUPS = 10
DEFAULT_MAKEUPS = 2
MAX_LEAD = timedelta(days=365)


def _number(value: str, low: int, high: int, error: str) -> int:
    if not value.isdecimal() or not low <= int(value) <= high:
        raise UserError(error, value=value, low=low, high=high)
    return int(value)


def _choice(kind, value: str):
    try:
        return kind(value.lower())
    except ValueError:
        raise UserError("habits.bad_choice", value=value) from None


async def new_plan(ctx: Context, args: Args) -> None:
    options = args.options
    unknown = [key for key in options if key not in OPTIONS]
    if unknown:
        raise UserError("habits.unknown_option", name=unknown[0])
    title = " ".join(args.words).strip()
    if not title:
        raise UserError("habits.missing_title")
    if len(title) > MAX_TITLE:
        raise UserError("habits.title_too_long", limit=MAX_TITLE)
    class_group, membership = await ctx.require_class()
    student = await _plan_child(ctx, class_group, membership, options.get("for"))
    today = ctx.today(class_group)
    days = _number(options.get("days", "21"), 1, MAX_DAYS, "habits.bad_days")
    start = parse_date(options.get("start", "tomorrow"), today)
    if start < today or start > today + MAX_LEAD:
        raise UserError("habits.bad_start", start=start)
    remind = parse_time(options.get("remind", "20:00"))
    if in_quiet_hours(remind, class_group.quiet_start, class_group.quiet_end):
        raise UserError("habits.remind_in_quiet_hours", value=remind.strftime("%H:%M"),
                        quiet_start=class_group.quiet_start.strftime("%H:%M"),
                        quiet_end=class_group.quiet_end.strftime("%H:%M"))
    evidence = _choice(Evidence, options.get("evidence", "none"))
    mode = _choice(PlanMode, options.get("mode", "required"))
    makeups = _number(options.get("makeup", str(min(DEFAULT_MAKEUPS, days))), 0, min(MAX_MAKEUPS, days),
                      "habits.bad_makeup")
    plan = HabitPlan(class_id=class_group.id, student_id=student.id if student else None, created_by=ctx.person.id,
                     title=title, days=days, start_date=start, end_date=end_of(start, days), remind_at=remind,
                     evidence=evidence, makeup_quota=makeups, mode=mode, created_at=ctx.now())
    schedule_plan(plan, class_group)
    ctx.session.add(plan)
    await ctx.session.flush()
    ctx.audit(class_group, "plan_new", plan_id=plan.id, family=student is not None)
    child = student.name if student else None
    ctx.say("habits.created", plan=plan, child=child)
    if student is None and ctx.is_private:
        announcement = render(class_group.language, "habits.announced", plan=plan)
        ctx.replies.append(Reply(text=announcement, to=ChatRef(class_group.platform, class_group.chat_id, False)))


async def _plan_child(ctx: Context, class_group: ClassGroup, membership: Membership | None,
                      wanted: str | None) -> Student | None:
    """None for a class plan; the child of a family plan, which a parent may make only for their own child."""
    is_teacher = membership is not None and membership.role == Role.teacher
    if (wanted or "").lower() == "class" or wanted is None and is_teacher:
        if not is_teacher:
            raise UserError("not_allowed", roles=["teacher"], command="plan new for=class")
        return None
    if not ctx.is_private:
        raise UserError("habits.family_plan_private")
    if is_teacher:
        student = await find_student(ctx.session, class_group.id, wanted)
        if student is None or student.status != StudentStatus.active:
            raise UserError("unknown_child", name=wanted)
        return student
    children = await children_of(ctx.session, ctx.person.id, class_group.id)
    if wanted is None and len(children) == 1:
        return children[0]
    if wanted is None:
        raise UserError("habits.say_which_child" if children else "habits.not_a_guardian")
    return pick_child(children, wanted)


async def list_plans(ctx: Context, args: Args) -> None:
    plans = await visible_plans(ctx)
    rows = []
    for plan, class_group in plans:
        today = ctx.today(class_group)
        child = await ctx.session.get(Student, plan.student_id) if plan.student_id else None
        rows.append((plan, plan_state(plan, today), child.name if child else None))
    ctx.say("habits.listing", rows=rows)


async def show_plan(ctx: Context, args: Args) -> None:
    plan, class_group = await visible_plan(ctx, args.word(0))
    today = ctx.today(class_group)
    children = await taking_part(ctx.session, plan)
    child = children[0].name if plan.is_family and children else None
    role = await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == class_group.id, Membership.person_id == ctx.person.id))
    # A teacher may download a class plan's progress.
    buttons = (exports.button(ctx, downloads.PROGRESS, str(plan.id)),) if role == Role.teacher and not plan.is_family \
        else ()
    ctx.say("habits.details", plan=plan, state=plan_state(plan, today), child=child,
            done=await today_count(ctx.session, plan, today), total=len(children), buttons=buttons)


async def stop_plan(ctx: Context, args: Args) -> None:
    plan, class_group = await visible_plan(ctx, args.word(0))
    membership = await ctx.session.scalar(select(Membership).where(
        Membership.class_id == class_group.id, Membership.person_id == ctx.person.id))
    is_teacher = membership is not None and membership.role == Role.teacher
    own_family = plan.is_family and bool(await ctx.session.scalar(select(func.count()).select_from(Guardianship).where(
        Guardianship.student_id == plan.student_id, Guardianship.person_id == ctx.person.id,
        Guardianship.status == GuardianStatus.active)))
    if not (is_teacher or own_family):
        raise UserError("habits.not_your_plan", title=plan.title)
    if plan.is_stopped:
        raise UserError("habits.already_stopped", title=plan.title)
    plan.stopped_at = ctx.now()
    unschedule_plan(plan)
    ctx.audit(class_group, "plan_stop", plan_id=plan.id)
    ctx.say("habits.stopped", plan=plan)
