"""/checkin (打卡), the ✅ button under the daily post, a photo captioned /checkin, and /makeup (补卡).

When the plan or the child is not clear, the bot asks with buttons and keeps what was sent (note, photo,
date) in a waiting command, so one tap finishes the job."""
from __future__ import annotations

import json

from sqlalchemy import bindparam, delete, or_, select

from handlers.arguments import Args, parse_date
from handlers.checkin_records import MissingEvidence, Proof, check_in, has_day, make_up
from handlers.context import Context
from handlers.errors import UserError
from handlers.families import ROSTER_ORDER, children_of, pick_child
from handlers.messages import Button, ButtonPress, Reply
from handlers.people import WAITING_KINDS
from handlers.plans import find_plan, plan_id_of, plan_state, visible_plan
from handlers.registry import button, command
from models import ClassGroup, Guardianship, PendingCommand, Student, StudentStatus
from models.habits import Evidence, HabitPlan

UNSET = "-"


@command("checkin", keywords=("打卡",), usage="habits.usage_checkin")
async def checkin_command(ctx: Context, args: Args) -> None:
    await attempt(ctx, "checkin", args, photo_of(ctx))


@command("makeup", keywords=("补卡",), usage="habits.usage_makeup")
async def makeup_command(ctx: Context, args: Args) -> None:
    if not args.words:
        raise UserError("habits.missing_date")
    await attempt(ctx, "makeup", args, photo_of(ctx))


@button("checkin")
async def checkin_button(ctx: Context, press: ButtonPress) -> None:
    """The ✅ under a daily post or a reminder: the plan is known; the child may still need choosing."""
    plan_id = plan_id_of(press.args[0] if press.args else None)
    student_id = plan_id_of(press.args[1]) if len(press.args) > 1 else None
    await attempt(ctx, "checkin", Args(), None, plan_id=plan_id or -1, student_id=student_id)


@button("habit")
async def choice_button(ctx: Context, press: ButtonPress) -> None:
    """A tap on "which plan?" or "which child?": run the waiting command with that choice."""
    pending_id, plan_id, student_id = (list(press.args) + [UNSET] * 3)[:3]
    pending = await ctx.session.get(PendingCommand, plan_id_of(pending_id) or -1)
    if pending is None or pending.person_id != ctx.person.id or pending.kind != "habit":
        raise UserError("stale_button")
    saved = json.loads(pending.text)
    args = Args(saved["words"], saved["options"])
    await attempt(ctx, saved["command"], args, saved["photo"], plan_id=plan_id_of(plan_id),
                  student_id=plan_id_of(student_id), pending=pending)


def photo_of(ctx: Context) -> str | None:
    photos = [a for a in ctx.incoming.attachments if a.kind == "photo"]
    return photos[-1].file_id if photos else None


# Plans, classes and children in one query built once: every check-in starts here.
_FAMILY_PLANS = (select(HabitPlan, ClassGroup, Student)
                 .join(ClassGroup, ClassGroup.id == HabitPlan.class_id)
                 .join(Student, Student.class_id == HabitPlan.class_id)
                 .join(Guardianship, Guardianship.student_id == Student.id)
                 .where(Guardianship.person_id == bindparam("person_id"), Student.status == StudentStatus.active,
                        or_(HabitPlan.student_id.is_(None), HabitPlan.student_id == Student.id))
                 .order_by(HabitPlan.id, *ROSTER_ORDER))
# In a group: that class's class plans only; family plans are never seen there.
_GROUP_PLANS = _FAMILY_PLANS.where(HabitPlan.class_id == bindparam("class_id"), HabitPlan.student_id.is_(None))


async def family_plans(ctx: Context) -> list[tuple[HabitPlan, ClassGroup, list[Student]]]:
    """Plans the caller can check in for, each with their children in it. In a group: its class plans only."""
    if ctx.is_private:
        rows = await ctx.session.execute(_FAMILY_PLANS, {"person_id": ctx.person.id})
    else:
        group = await ctx.group_class()
        if group is None:
            raise UserError("not_a_class")
        rows = await ctx.session.execute(_GROUP_PLANS, {"person_id": ctx.person.id, "class_id": group.id})
    found: dict[int, tuple[HabitPlan, ClassGroup, list[Student]]] = {}
    for plan, class_group, child in rows.all():
        found.setdefault(plan.id, (plan, class_group, []))[2].append(child)
    return list(found.values())


async def attempt(ctx: Context, kind: str, args: Args, photo: str | None, *, plan_id: int | None = None,
                  student_id: int | None = None, pending: PendingCommand | None = None) -> None:
    entries = await family_plans(ctx)
    words = list(args.words[1:] if kind == "makeup" else args.words)
    if plan_id is None and words and (chosen := find_plan([e[0] for e in entries], words[0])):
        plan_id, words = chosen.id, words[1:]
    elif plan_id is None and words and words[0].startswith(("#", "＃")):
        await visible_plan(ctx, words[0])  # says why: another class, or no such plan
        raise UserError("habits.not_a_guardian")
    if plan_id is None:
        running = [e for e in entries if plan_state(e[0], ctx.today(e[1])) == "running"]
        if not running and len(entries) > 1:
            raise UserError("habits.no_running_plan")
        entries = running or entries
        if len(entries) > 1:
            return await ask(ctx, "which_plan", kind, args, photo, pending,
                             [(e[0].title, e[0].id, None) for e in entries])
    else:
        entries = [e for e in entries if e[0].id == plan_id]
    if not entries:
        if plan_id is not None and await ctx.session.get(HabitPlan, plan_id) is None:
            raise UserError("stale_button")
        raise UserError("habits.not_a_guardian" if plan_id or not await children_of(ctx.session, ctx.person.id)
                        else "habits.no_plans")
    plan, class_group, kids = entries[0]
    if "child" in args.options:
        kids = [pick_child(kids, args.options["child"])]
    elif student_id is not None:
        kids = [kid for kid in kids if kid.id == student_id]
        if not kids:
            raise UserError("habits.not_your_child_button")
    if len(kids) > 1:
        return await ask(ctx, "which_child", kind, args, photo, pending, [(k.name, plan.id, k.id) for k in kids])
    proof = Proof(note=" ".join(words).strip() or None, photo=photo)
    try:
        if kind == "makeup":
            day = parse_date(args.words[0], ctx.today(class_group))
            text = await make_up(ctx, plan, class_group, kids[0], day, proof)
        else:
            text = await check_in(ctx, plan, class_group, kids[0], proof)
    except MissingEvidence as missing:
        return wait_for_evidence(ctx, kind, args, plan, kids[0], missing.evidence)
    # Whatever the bot was waiting for (a photo, a note) is settled: a later photo must not reopen it.
    if ctx.has_waiting_command:
        await ctx.session.execute(delete(PendingCommand).where(
            PendingCommand.person_id == ctx.person.id, PendingCommand.kind.in_(WAITING_KINDS),
            PendingCommand.text.startswith(f"/{kind} ")))
    await answer(ctx, text, plan, class_group, pending)


async def ask(ctx: Context, question: str, kind: str, args: Args, photo: str | None,
              pending: PendingCommand | None, choices: list[tuple[str, int, int | None]]) -> None:
    if pending is None:
        saved = {"command": kind, "words": args.words, "options": args.options, "photo": photo}
        pending = PendingCommand(person_id=ctx.person.id, kind="habit", text=json.dumps(saved, ensure_ascii=False),
                                 created_at=ctx.now())
        ctx.session.add(pending)
        await ctx.session.flush()
    buttons = [(Button(label, "habit", (str(pending.id), str(plan_id), str(student_id or UNSET))),)
               for label, plan_id, student_id in choices]
    ctx.say(f"habits.{question}", buttons=buttons)


def wait_for_evidence(ctx: Context, kind: str, args: Args, plan: HabitPlan, child: Student, evidence: Evidence):
    """Privately, the next photo or text completes the check-in; in a group the bot only explains."""
    if not ctx.is_private:
        raise UserError(f"habits.needs_{evidence.value}", title=plan.title)
    date_word = f"{args.words[0]} " if kind == "makeup" else ""
    waiting = f'/{kind} {date_word}#{plan.id} child="{child.name}"'
    ctx.session.add(PendingCommand(person_id=ctx.person.id, kind="file" if evidence == Evidence.photo else "text",
                                   text=waiting, created_at=ctx.now()))
    ctx.say(f"habits.send_{evidence.value}", title=plan.title, child=child.name)


async def answer(ctx: Context, text: str, plan: HabitPlan, class_group: ClassGroup,
                 pending: PendingCommand | None) -> None:
    """A chosen button turns its question into the answer; the ✅ under a group post answers the presser
    only; a command gets one short reply."""
    press = ctx.incoming.button
    if press is not None and press.action == "habit":
        left = await _children_left(ctx, plan, class_group, pending)
        buttons = [(Button(kid.name, "habit", (str(pending.id), str(plan.id), str(kid.id))),) for kid in left]
        ctx.replies.append(Reply(text=text, buttons=tuple(buttons), edit_message_id=ctx.incoming.message_id))
    elif press is not None and not ctx.is_private:
        ctx.replies.append(Reply(text=text, popup=True))
    else:
        ctx.replies.append(Reply(text=text))


async def _children_left(ctx: Context, plan: HabitPlan, class_group: ClassGroup,
                         pending: PendingCommand) -> list[Student]:
    """The other children still to check in, so a parent of two can tap the second one right away."""
    saved = json.loads(pending.text)
    if saved["command"] != "checkin" or "child" in saved["options"]:
        return []
    kids = [k for k in await children_of(ctx.session, ctx.person.id, class_group.id) if plan.student_id in (None, k.id)]
    today = ctx.today(class_group)
    return [kid for kid in kids if not await has_day(ctx.session, plan, kid, today)]
