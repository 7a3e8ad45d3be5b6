"""/checkin (打卡), the ✅ button under the daily post, a photo captioned /checkin, and /makeup (补卡).

When the plan or the child is not clear, the bot asks with buttons and keeps what was sent (note, photo,
date) in a wait, so one tap finishes the job. When the plan needs a photo or a note that did not come, the
bot waits privately for it; whatever the person then sends is the evidence, never read as options."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from sqlalchemy import bindparam, or_, select

from handlers.classes.families import ROSTER_ORDER, children_of, pick_child
from handlers.classes.names import clean_name
from handlers.core import waits
from handlers.core.arguments import Args, parse_date
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.core.people import private_chat_of
from handlers.habits.checkin_records import MissingEvidence, Proof, check_in, has_day, make_up
from handlers.habits.visible_plans import find_plan, plan_id_of, plan_state, visible_plan
from models import ClassGroup, Guardianship, GuardianStatus, Student, StudentStatus
from models.habits import Evidence, HabitPlan

UNSET = "-"
CHOICE_WAIT = "habits.choice"
# The group is told with a reaction on the parent's own message (PRODUCT.md §4: keep it quiet there).
# Telegram's reactions have no ✅ (ReactionTypeEmoji in api.json): 👍 is the closest it offers.
CHECKED_IN = "👍"
EVIDENCE_WAIT = "habits.evidence"


class Attempt(BaseModel):
    """A check-in or make-up as sent, kept while the bot asks which plan or child."""

    kind: str  # "checkin" | "makeup"
    words: list[str]
    options: dict[str, str]
    photo: str | None = None


class AwaitedEvidence(BaseModel):
    """A check-in waiting for its photo or note: everything else is already decided."""

    kind: str
    plan_id: int
    student_id: int
    day: date | None = None  # the make-up's day


async def checkin_command(ctx: Context, args: Args) -> None:
    await attempt(ctx, Attempt(kind="checkin", words=args.words, options=args.options, photo=photo_of(ctx)))


async def makeup_command(ctx: Context, args: Args) -> None:
    if not args.words:
        raise UserError("habits.missing_date")
    await attempt(ctx, Attempt(kind="makeup", words=args.words, options=args.options, photo=photo_of(ctx)))


async def checkin_button(ctx: Context, press: ButtonPress) -> None:
    """The ✅ under a daily post or a reminder: the plan is known; the child may still need choosing."""
    plan_id = plan_id_of(press.args[0] if press.args else None)
    student_id = plan_id_of(press.args[1]) if len(press.args) > 1 else None
    await attempt(ctx, Attempt(kind="checkin", words=[], options={}), plan_id=plan_id or -1, student_id=student_id)


async def choice_made(ctx: Context, data: Attempt, answer: waits.Answer) -> None:
    """A tap on "which plan?" or "which child?": the attempt goes on with that choice."""
    plan_id, student_id = (list(answer.choice or ()) + [UNSET, UNSET])[:2]
    await attempt(ctx, data, plan_id=plan_id_of(plan_id), student_id=plan_id_of(student_id), chosen=True)


async def evidence_sent(ctx: Context, data: AwaitedEvidence, answer: waits.Answer) -> None:
    """The photo or note the plan asked for: the person's text is the note, whatever it says."""
    photo = answer.file("photo")
    words = [data.day.isoformat()] if data.day else []
    await attempt(ctx, Attempt(kind=data.kind, words=words, options={}, photo=photo.file_id if photo else None),
                  plan_id=data.plan_id, student_id=data.student_id, note=answer.text or None)


def photo_of(ctx: Context) -> str | None:
    photos = [a for a in ctx.incoming.attachments if a.kind == "photo"]
    return photos[-1].file_id if photos else None


# Plans, classes and children in one query built once: every check-in starts here.
_FAMILY_PLANS = (select(HabitPlan, ClassGroup, Student)
                 .join(ClassGroup, ClassGroup.id == HabitPlan.class_id)
                 .join(Student, Student.class_id == HabitPlan.class_id)
                 .join(Guardianship, Guardianship.student_id == Student.id)
                 .where(Guardianship.person_id == bindparam("person_id"), Guardianship.status == GuardianStatus.active,
                        Student.status == StudentStatus.active,
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


async def attempt(ctx: Context, sent: Attempt, *, plan_id: int | None = None, student_id: int | None = None,
                  note: str | None = None, chosen: bool = False) -> None:
    entries = await family_plans(ctx)
    words = list(sent.words[1:] if sent.kind == "makeup" else sent.words)
    if sent.kind == "makeup" and entries:
        _makeup_day(ctx, sent, entries[0][1])  # a date that can never be made up is refused before any question
    if plan_id is None and words and (found := find_plan([e[0] for e in entries], words[0])):
        plan_id, words = found.id, words[1:]
    elif plan_id is None and words and words[0].startswith(("#", "＃")):
        await visible_plan(ctx, words[0])  # says why: another class, or no such plan
        raise UserError("habits.not_a_guardian")
    if student_id is None and "child" in sent.options and entries:
        # Another family's child (or a typo) is refused now, not after the parent has picked a plan.
        pick_child([kid for e in entries for kid in e[2]], sent.options["child"])
        entries = [e for e in entries if any(kid.name == clean_name(sent.options["child"]) for kid in e[2])]
    if plan_id is None:
        running = [e for e in entries if plan_state(e[0], ctx.today(e[1])) == "running"]
        if not running and len(entries) > 1:
            raise UserError("habits.no_running_plan")
        entries = running or entries
        if len(entries) > 1 and sent.kind == "makeup" and words:
            raise UserError("habits.unknown_plan", ref=words[0])  # after the date only a plan can come
        if len(entries) > 1:
            return await ask(ctx, "which_plan", sent, [(e[0].title, e[0].id, None) for e in entries])
    else:
        entries = [e for e in entries if e[0].id == plan_id]
    if not entries:
        if plan_id is not None and await ctx.session.get(HabitPlan, plan_id) is None:
            raise UserError("stale_button")
        raise UserError("habits.not_a_guardian" if plan_id or not await children_of(ctx.session, ctx.person.id)
                        else "habits.no_plans")
    plan, class_group, kids = entries[0]
    if student_id is not None:
        kids = [kid for kid in kids if kid.id == student_id]
        if not kids:
            raise UserError("habits.not_your_child_button")
    elif "child" in sent.options:
        kids = [pick_child(kids, sent.options["child"])]
    if len(kids) > 1:
        return await ask(ctx, "which_child", sent, [(k.name, plan.id, k.id) for k in kids])
    proof = Proof(note=note if note is not None else " ".join(words).strip() or None, photo=sent.photo)
    try:
        if sent.kind == "makeup":
            text = await make_up(ctx, plan, class_group, kids[0], _makeup_day(ctx, sent, class_group), proof)
        else:
            text = await check_in(ctx, plan, class_group, kids[0], proof)
    except MissingEvidence as missing:
        return await wait_for_evidence(ctx, sent, plan, kids[0], missing.evidence)
    # "Already checked in today" is an answer, not a record: only a new record is confirmed with a reaction.
    recorded = text != ctx.text("habits.already_checked_in", child=kids[0].name)
    await answer(ctx, text, plan, class_group, sent, chosen, recorded=recorded)


def _makeup_day(ctx: Context, sent: Attempt, class_group: ClassGroup) -> date:
    """The make-up's date: a day already past in the class's calendar, or a clear refusal."""
    today = ctx.today(class_group)
    try:
        day = parse_date(sent.words[0], today)
    except UserError as error:
        raise UserError("habits.bad_makeup_date", **error.values) from None
    if day >= today:
        raise UserError("habits.makeup_not_past", date=day)
    return day


async def ask(ctx: Context, question: str, sent: Attempt, choices: list[tuple[str, int, int | None]]) -> None:
    wait_id = await waits.begin(ctx, CHOICE_WAIT, sent)
    buttons = [(waits.choice(wait_id, label, str(plan_id), str(student_id or UNSET)),)
               for label, plan_id, student_id in choices]
    ctx.say(f"habits.{question}", kind=sent.kind, buttons=buttons)


async def wait_for_evidence(ctx: Context, sent: Attempt, plan: HabitPlan, child: Student, evidence: Evidence):
    """Privately, the next photo or text completes the check-in. A ✅ pressed in the group moves the wait to
    the person's private chat, so the photo goes there and not to the group; a typed command in the group
    is told how to send it."""
    chat = ctx.incoming.chat
    if not ctx.is_private:
        chat = await private_chat_of(ctx.session, ctx.person.id, prefer=chat.platform)
        if ctx.incoming.button is None or chat is None:
            raise UserError(f"habits.needs_{evidence.value}", title=plan.title)
    day = None
    if sent.kind == "makeup":
        day = _makeup_day(ctx, sent, await ctx.session.get(ClassGroup, plan.class_id))
    awaited = AwaitedEvidence(kind=sent.kind, plan_id=plan.id, student_id=child.id, day=day)
    await waits.begin(ctx, EVIDENCE_WAIT, awaited, chat=chat)
    if ctx.is_private:
        ctx.say(f"habits.send_{evidence.value}", title=plan.title, child=child.name)
        return
    ctx.tell(ctx.person, f"habits.send_{evidence.value}", title=plan.title, child=child.name)
    ctx.replies.append(Reply(text=ctx.text("habits.answer_in_private", title=plan.title), popup=True))


async def answer(
    ctx: Context, text: str, plan: HabitPlan, class_group: ClassGroup, sent: Attempt, chosen: bool,
    recorded: bool = True,
) -> None:
    """A chosen button turns its question into the answer; the ✅ under a group post answers the presser
    only; a command in the group gets a reaction (its text where there are none); privately, the text."""
    press = ctx.incoming.button
    if chosen and press is not None:
        left = await _children_left(ctx, plan, class_group, sent)
        buttons = ()
        if left:  # a parent of two can tap the second child right away
            wait_id = await waits.begin(ctx, CHOICE_WAIT, sent)
            buttons = tuple((waits.choice(wait_id, kid.name, str(plan.id), str(kid.id)),) for kid in left)
        ctx.replies.append(Reply(text=text, buttons=buttons, edit_message_id=ctx.incoming.message_id))
    elif press is not None and not ctx.is_private:
        ctx.replies.append(Reply(text=text, popup=True))
    elif recorded and sent.kind == "checkin" and not ctx.is_private and ctx.incoming.message_id is not None:
        ctx.replies.append(Reply(text=text, reaction=CHECKED_IN, react_to=ctx.incoming.message_id))
    else:
        ctx.replies.append(Reply(text=text))


async def _children_left(ctx: Context, plan: HabitPlan, class_group: ClassGroup, sent: Attempt) -> list[Student]:
    if sent.kind != "checkin" or "child" in sent.options:
        return []
    kids = [k for k in await children_of(ctx.session, ctx.person.id, class_group.id) if plan.student_id in (None, k.id)]
    today = ctx.today(class_group)
    return [kid for kid in kids if not await has_day(ctx.session, plan, kid, today)]
