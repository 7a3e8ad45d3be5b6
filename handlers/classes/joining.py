"""Joining a class as a parent (/start join-<code>, /join), and the approvals it may need: a child not on the
roster waits for a teacher, a further guardian of a child waits for an existing guardian or a teacher."""
from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import func, select

from handlers.classes.families import teachers_of
from handlers.classes.names import find_student, split_names, validate_child_name
from handlers.classes.requests import send_waiting_requests, tell_child_request, tell_guardian_request
from handlers.core import waits
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.core.registry import registry
from models import ClassGroup, Guardianship, GuardianStatus, Membership, Person, Role, Student, StudentStatus

MAX_RELATION = 16


async def class_by_code(ctx: Context, code: str) -> ClassGroup:
    class_group = await ctx.session.scalar(select(ClassGroup).where(ClassGroup.join_code == code.upper()))
    if class_group is None:
        raise UserError("unknown_code", code=code)
    return class_group


async def start(ctx: Context, args: Args) -> None:
    payload = args.word(0, "")
    for prefix, opened in registry().start_payloads.items():
        if payload.startswith(prefix):  # another feature's deep link, e.g. homework's 📤 (hw-12)
            await opened(ctx, payload[len(prefix):])
            return
    if not payload.startswith("join-"):
        ctx.say("help.welcome", name=ctx.person.display_name)
        # Opening the private chat is what lets the bot write here: the requests that waited for it come now.
        await send_waiting_requests(ctx)
        return
    class_group = await class_by_code(ctx, payload[len("join-"):])
    # The join link carries the class; the child's name comes in the next message.
    await waits.begin(ctx, CHILD_NAME, ChildName(class_id=class_group.id))
    ctx.say("joining.ask_child_name", class_name=class_group.name)


class ChildName(BaseModel):
    class_id: int


CHILD_NAME = "classes.child_name"


async def child_named(ctx: Context, data: ChildName, answer: waits.Answer) -> None:
    """The next message after a join link: the child's name and, optionally, the relation ("小明 妈妈")."""
    class_group = await ctx.session.get(ClassGroup, data.class_id)
    if class_group is None:
        raise UserError("unknown_code", code="")
    await join_class(ctx, class_group, *child_and_relation(answer.text))


async def join(ctx: Context, args: Args) -> None:
    code = args.word(0)
    if not code:
        raise UserError("missing", what="join_code")
    class_group = await class_by_code(ctx, code)
    await join_class(ctx, class_group, *child_and_relation(args.rest(1)))


def child_and_relation(text: str) -> tuple[str, str]:
    """"小明 妈妈", "陈果果，奶奶": a name and at most one word of relation; more is a mistake, said so."""
    words = split_names(text)
    if len(words) > 2:
        raise UserError("joining.extra_words", child=words[0], relation=words[1], extra=" ".join(words[2:]))
    return (words[0] if words else ""), (words[1] if len(words) > 1 else "")


async def join_class(ctx: Context, class_group: ClassGroup, name: str, relation: str) -> None:
    child_name = validate_child_name(name)
    relation = relation.strip() or None
    if relation and len(relation) > MAX_RELATION:
        raise UserError("too_long", what="relation", limit=MAX_RELATION)

    membership = await ctx.session.scalar(select(Membership).where(
        Membership.class_id == class_group.id, Membership.person_id == ctx.person.id))
    if membership is None:
        ctx.session.add(Membership(class_id=class_group.id, person_id=ctx.person.id, role=Role.parent,
                                   joined_at=ctx.now()))
    student = await find_student(ctx.session, class_group.id, child_name)
    if student is not None and student.status == StudentStatus.archived:
        student.status = StudentStatus.pending
    elif student is None:
        student = Student(class_id=class_group.id, name=child_name, status=StudentStatus.pending,
                          created_at=ctx.now())
        ctx.session.add(student)
        await ctx.session.flush()
    linked = await ctx.session.scalar(select(Guardianship).where(
        Guardianship.student_id == student.id, Guardianship.person_id == ctx.person.id))
    if linked is not None:
        key = "joining.already_linked" if linked.status == GuardianStatus.active else "joining.still_waiting"
        ctx.say(key, child=student.name, class_name=class_group.name)
        return
    guardians = await active_guardians(ctx, student)
    # Anyone with the join code (it is posted in the group) could claim a child: a child who already has a
    # guardian gets another only when that guardian or a teacher says yes.
    status = GuardianStatus.pending if student.status == StudentStatus.active and guardians else GuardianStatus.active
    link = Guardianship(student_id=student.id, person_id=ctx.person.id, relation=relation, status=status,
                        created_at=ctx.now())
    ctx.session.add(link)
    await ctx.session.flush()
    if status == GuardianStatus.pending:
        ctx.say("joining.waiting_guardian", child=student.name, class_name=class_group.name)
        for guardian in guardians:
            tell_guardian_request(ctx, guardian, class_group, student, link, ctx.person)
        return
    if student.status == StudentStatus.active:
        ctx.say("joining.joined", child=student.name, class_name=class_group.name)
        return
    ctx.say("joining.waiting_approval", child=student.name, class_name=class_group.name)
    if not guardians:  # with a guardian already, the teachers were asked when that one joined
        for teacher in await teachers_of(ctx.session, class_group.id):
            # Sent now if the teacher has opened the private chat; else when they do, and in /roster.
            tell_child_request(ctx, teacher, class_group, student, ctx.person.display_name, relation)


async def active_guardians(ctx: Context, student: Student) -> list[Person]:
    return list((await ctx.session.scalars(
        select(Person).join(Guardianship, Guardianship.person_id == Person.id)
        .where(Guardianship.student_id == student.id, Guardianship.status == GuardianStatus.active)
        .order_by(Guardianship.id))).all())


async def _pending_student(ctx: Context, press: ButtonPress) -> tuple[Student, ClassGroup]:
    student = await ctx.session.get(Student, int(press.args[0])) if press.args and press.args[0].isdigit() else None
    if student is None:
        raise UserError("stale_button")
    ctx.forced_class_id = student.class_id
    class_group, _ = await ctx.require_class(Role.teacher)
    if student.status != StudentStatus.pending:
        raise UserError("already_decided", child=student.name)
    return student, class_group


async def approve(ctx: Context, press: ButtonPress) -> None:
    student, class_group = await _pending_student(ctx, press)
    student.status = StudentStatus.active
    ctx.audit(class_group, "approve", student_id=student.id)
    done = ctx.text("joining.approved_note", child=student.name)
    ctx.replies.append(Reply(text=done, edit_message_id=ctx.incoming.message_id))
    await tell_approved(ctx, class_group, student)


async def tell_approved(ctx: Context, class_group: ClassGroup, student: Student) -> None:
    """A child's request was approved (by button, or by /roster add or import of the name): its family hears."""
    for guardian in await active_guardians(ctx, student):
        ctx.tell(guardian, "joining.joined", child=student.name, class_name=class_group.name)


async def reject(ctx: Context, press: ButtonPress) -> None:
    student, class_group = await _pending_student(ctx, press)
    guardians = await active_guardians(ctx, student)
    name = student.name
    await ctx.session.delete(student)
    await ctx.session.flush()
    for guardian in guardians:
        await drop_childless_parent(ctx, class_group, guardian)
        ctx.tell(guardian, "joining.rejected", child=name, class_name=class_group.name)
    ctx.audit(class_group, "reject", student_id=student.id)
    note = ctx.text("joining.rejected_note", child=name)
    ctx.replies.append(Reply(text=note, edit_message_id=ctx.incoming.message_id))


async def drop_childless_parent(ctx: Context, class_group: ClassGroup, person: Person) -> None:
    """A parent whose only link in the class was refused is no longer a member of it."""
    still_linked = await ctx.session.scalar(
        select(func.count()).select_from(Guardianship).join(Student, Student.id == Guardianship.student_id)
        .where(Guardianship.person_id == person.id, Student.class_id == class_group.id))
    membership = await ctx.session.scalar(select(Membership).where(
        Membership.class_id == class_group.id, Membership.person_id == person.id))
    if not still_linked and membership is not None and membership.role == Role.parent:
        await ctx.session.delete(membership)


async def _pending_link(ctx: Context, press: ButtonPress) -> tuple[Guardianship, Student, ClassGroup, Person]:
    """The further-guardian request a button decides; an active guardian of the child or a teacher may."""
    link_id = press.args[0] if press.args else ""
    link = await ctx.session.get(Guardianship, int(link_id)) if link_id.isdigit() else None
    if link is None:
        raise UserError("stale_button")
    student = await ctx.session.get(Student, link.student_id)
    requester = await ctx.session.get(Person, link.person_id)
    ctx.forced_class_id = student.class_id
    is_guardian = await ctx.session.scalar(select(Guardianship.id).where(
        Guardianship.student_id == student.id, Guardianship.person_id == ctx.person.id,
        Guardianship.status == GuardianStatus.active))
    if is_guardian:
        class_group = await ctx.session.get(ClassGroup, student.class_id)
    else:
        class_group, _ = await ctx.require_class(Role.teacher)
    if link.status != GuardianStatus.pending:
        raise UserError("already_decided", child=student.name)
    return link, student, class_group, requester


async def approve_guardian(ctx: Context, press: ButtonPress) -> None:
    link, student, class_group, requester = await _pending_link(ctx, press)
    link.status = GuardianStatus.active
    ctx.audit(class_group, "approve_guardian", student_id=student.id, person_id=requester.id)
    done = ctx.text("joining.guardian_approved_note", child=student.name, parent=requester.display_name)
    ctx.replies.append(Reply(text=done, edit_message_id=ctx.incoming.message_id))
    ctx.tell(requester, "joining.joined", child=student.name, class_name=class_group.name)


async def reject_guardian(ctx: Context, press: ButtonPress) -> None:
    link, student, class_group, requester = await _pending_link(ctx, press)
    await ctx.session.delete(link)
    await ctx.session.flush()
    await drop_childless_parent(ctx, class_group, requester)
    ctx.audit(class_group, "reject_guardian", student_id=student.id, person_id=requester.id)
    note = ctx.text("joining.guardian_rejected_note", child=student.name, parent=requester.display_name)
    ctx.replies.append(Reply(text=note, edit_message_id=ctx.incoming.message_id))
    ctx.tell(requester, "joining.guardian_rejected", child=student.name, class_name=class_group.name)
