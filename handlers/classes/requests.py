"""Requests that wait for someone's tap: a child not on the roster (a teacher decides) and a further guardian
of a child (an existing guardian or a teacher decides). They are kept as rows, not as messages, so a teacher
who had not opened the private chat when a parent asked gets them on opening it, and in /roster."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.context import Context
from handlers.core.messages import Button
from handlers.core.texts import render
from models import (
    ClassGroup,
    Guardianship,
    GuardianStatus,
    Membership,
    Person,
    Role,
    Student,
    StudentStatus,
)


def _buttons(language: str, approve: str, reject: str, target_id: int) -> list[tuple[Button, Button]]:
    return [(Button(render(language, "joining.approve_button"), approve, (str(target_id),)),
             Button(render(language, "joining.reject_button"), reject, (str(target_id),)))]


def tell_child_request(ctx: Context, to: Person | None, class_group: ClassGroup, student: Student,
                       parent: str, relation: str | None) -> None:
    """Asks a teacher (or, with `to` None, the caller) to approve a child who is not on the roster."""
    language = to.language if to is not None else ctx.language
    values = dict(buttons=_buttons(language, "approve", "reject", student.id), child=student.name, parent=parent,
                  relation=relation, class_name=class_group.name)
    if to is None:
        ctx.say("joining.approval_request", **values)
    else:
        ctx.tell(to, "joining.approval_request", **values)


def tell_guardian_request(ctx: Context, to: Person | None, class_group: ClassGroup, student: Student,
                          link: Guardianship, requester: Person) -> None:
    """Tells an existing guardian (or, with `to` None, the caller) that someone asks to be another guardian."""
    language = to.language if to is not None else ctx.language
    values = dict(buttons=_buttons(language, "approve_guardian", "reject_guardian", link.id), child=student.name,
                  parent=requester.display_name, relation=link.relation, class_name=class_group.name)
    if to is None:
        ctx.say("joining.guardian_request", **values)
    else:
        ctx.tell(to, "joining.guardian_request", **values)


async def pending_children(ctx: Context, class_id: int) -> list[tuple[Student, Person | None, str | None]]:
    """Children added on joining, waiting for a teacher, each with the parent who asked first."""
    students = (await ctx.session.scalars(select(Student).where(
        Student.class_id == class_id, Student.status == StudentStatus.pending).order_by(Student.id))).all()
    found = []
    for student in students:
        first = (await ctx.session.execute(
            select(Person, Guardianship.relation).join(Guardianship, Guardianship.person_id == Person.id)
            .where(Guardianship.student_id == student.id).order_by(Guardianship.id).limit(1))).first()
        found.append((student, *(first or (None, None))))
    return found


async def pending_guardians(ctx: Context, *where) -> list[tuple[Guardianship, Student, Person]]:
    rows = (await ctx.session.execute(
        select(Guardianship, Student, Person).join(Student, Student.id == Guardianship.student_id)
        .join(Person, Person.id == Guardianship.person_id)
        .where(Guardianship.status == GuardianStatus.pending, *where).order_by(Guardianship.id))).all()
    return [tuple(row) for row in rows]


async def show_class_requests(ctx: Context, class_group: ClassGroup) -> int:
    """The class's waiting requests to its teacher, one message with its buttons each; returns how many."""
    children = await pending_children(ctx, class_group.id)
    for student, parent, relation in children:
        tell_child_request(ctx, None, class_group, student, parent.display_name if parent else "", relation)
    guardians = await pending_guardians(ctx, Student.class_id == class_group.id)
    for link, student, requester in guardians:
        tell_guardian_request(ctx, None, class_group, student, link, requester)
    return len(children) + len(guardians)


async def send_waiting_requests(ctx: Context) -> None:
    """Everything waiting for this person's tap: their classes' requests if a teacher, and further guardians
    asking for their own children."""
    classes = (await ctx.session.scalars(
        select(ClassGroup).join(Membership, Membership.class_id == ClassGroup.id)
        .where(Membership.person_id == ctx.person.id, Membership.role == Role.teacher)
        .order_by(ClassGroup.id))).all()
    for class_group in classes:
        await show_class_requests(ctx, class_group)
    mine = select(Guardianship.student_id).where(Guardianship.person_id == ctx.person.id,
                                                 Guardianship.status == GuardianStatus.active)
    taught = [class_group.id for class_group in classes]
    for link, student, requester in await pending_guardians(ctx, Student.id.in_(mine),
                                                            Student.class_id.not_in(taught)):
        class_group = await ctx.session.get(ClassGroup, student.class_id)
        tell_guardian_request(ctx, None, class_group, student, link, requester)
