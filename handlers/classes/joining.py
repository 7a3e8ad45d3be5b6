"""Joining a class as a parent (/start join-<code>, /join), and the approvals it may need."""
from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import func, select

from handlers.classes.families import teachers_of
from handlers.classes.names import find_student, validate_child_name
from handlers.core import waits
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Button, ButtonPress, Reply
from handlers.core.registry import registry
from handlers.core.texts import render
from models import ClassGroup, Guardianship, Membership, Person, Role, Student, StudentStatus

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
    words = answer.text.split()
    await join_class(ctx, class_group, words[0] if words else "", " ".join(words[1:]))


async def join(ctx: Context, args: Args) -> None:
    code = args.word(0)
    if not code:
        raise UserError("missing", what="join_code")
    class_group = await class_by_code(ctx, code)
    await join_class(ctx, class_group, args.word(1, ""), args.rest(2))


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
        ctx.say("joining.already_linked", child=student.name, class_name=class_group.name)
        return
    ctx.session.add(Guardianship(student_id=student.id, person_id=ctx.person.id, relation=relation,
                                 created_at=ctx.now()))
    await ctx.session.flush()
    if student.status == StudentStatus.active:
        ctx.say("joining.joined", child=student.name, class_name=class_group.name)
        return
    ctx.say("joining.waiting_approval", child=student.name, class_name=class_group.name)
    await ask_teachers_to_approve(ctx, class_group, student, relation)


async def ask_teachers_to_approve(ctx: Context, class_group: ClassGroup, student: Student, relation: str | None):
    guardians = await ctx.session.scalar(select(func.count()).select_from(Guardianship)
                                         .where(Guardianship.student_id == student.id))
    if guardians > 1:
        return  # the teachers were asked when the first guardian joined
    for teacher in await teachers_of(ctx.session, class_group.id):
        buttons = [(Button(ctx_text(teacher, "joining.approve_button"), "approve", (str(student.id),)),
                    Button(ctx_text(teacher, "joining.reject_button"), "reject", (str(student.id),)))]
        ctx.tell(teacher, "joining.approval_request", buttons=buttons, child=student.name,
                 parent=ctx.person.display_name, relation=relation, class_name=class_group.name)


def ctx_text(person: Person, key: str, **values) -> str:
    return render(person.language, key, **values)


async def _pending_student(ctx: Context, press: ButtonPress) -> tuple[Student, ClassGroup]:
    student = await ctx.session.get(Student, int(press.args[0])) if press.args and press.args[0].isdigit() else None
    if student is None:
        raise UserError("stale_button")
    ctx.forced_class_id = student.class_id
    class_group, _ = await ctx.require_class(Role.teacher)
    if student.status != StudentStatus.pending:
        raise UserError("already_decided", child=student.name)
    return student, class_group


async def _guardians(ctx: Context, student: Student) -> list[Person]:
    return list((await ctx.session.scalars(
        select(Person).join(Guardianship, Guardianship.person_id == Person.id)
        .where(Guardianship.student_id == student.id))).all())


async def approve(ctx: Context, press: ButtonPress) -> None:
    student, class_group = await _pending_student(ctx, press)
    student.status = StudentStatus.active
    ctx.audit(class_group, "approve", student_id=student.id)
    done = ctx.text("joining.approved_note", child=student.name)
    ctx.replies.append(Reply(text=done, edit_message_id=ctx.incoming.message_id))
    for guardian in await _guardians(ctx, student):
        ctx.tell(guardian, "joining.joined", child=student.name, class_name=class_group.name)


async def reject(ctx: Context, press: ButtonPress) -> None:
    student, class_group = await _pending_student(ctx, press)
    guardians = await _guardians(ctx, student)
    name = student.name
    await ctx.session.delete(student)
    await ctx.session.flush()
    for guardian in guardians:
        still_linked = await ctx.session.scalar(
            select(func.count()).select_from(Guardianship).join(Student, Student.id == Guardianship.student_id)
            .where(Guardianship.person_id == guardian.id, Student.class_id == class_group.id))
        membership = await ctx.session.scalar(select(Membership).where(
            Membership.class_id == class_group.id, Membership.person_id == guardian.id))
        if not still_linked and membership is not None and membership.role == Role.parent:
            await ctx.session.delete(membership)
        ctx.tell(guardian, "joining.rejected", child=name, class_name=class_group.name)
    ctx.audit(class_group, "reject", student_id=student.id)
    note = ctx.text("joining.rejected_note", child=name)
    ctx.replies.append(Reply(text=note, edit_message_id=ctx.incoming.message_id))
