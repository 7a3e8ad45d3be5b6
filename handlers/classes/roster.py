"""The teacher's roster: list, add, archive, import from CSV/XLSX and export."""
from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel
from sqlalchemy import select

from handlers.classes.joining import tell_approved
from handlers.classes.names import clean_name, find_student, name_problem, split_names, validate_child_name
from handlers.classes.requests import show_class_requests
from handlers.classes.roster_files import read_roster_file, roster_csv, roster_xlsx
from handlers.core import exports, waits
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Attachment, Media
from models import ClassGroup, Guardianship, GuardianStatus, Identity, Person, Role, Student, StudentStatus


async def teacher_class(ctx: Context) -> ClassGroup:
    class_group, _ = await ctx.require_class(Role.teacher)  # already checked by the dispatcher: no query
    return class_group


async def roster_rows(ctx: Context, class_group: ClassGroup, *statuses: StudentStatus):
    """Children of the class with their guardians as (student, [(person, relation, reachable)])."""
    students = (await ctx.session.scalars(
        select(Student).where(Student.class_id == class_group.id, Student.status.in_(statuses))
        .order_by(Student.number.is_(None), Student.number, Student.name))).all()
    links = (await ctx.session.execute(
        select(Guardianship.student_id, Person, Guardianship.relation, Identity.reachable)
        .join(Person, Person.id == Guardianship.person_id)
        .join(Identity, Identity.person_id == Person.id)
        .where(Guardianship.student_id.in_([s.id for s in students]), Guardianship.status == GuardianStatus.active)
        .order_by(Guardianship.id))).all()
    guardians = defaultdict(dict)
    for student_id, person, relation, reachable in links:
        previous = guardians[student_id].get(person.id)
        # A person with two platform identities is reachable if either is.
        guardians[student_id][person.id] = (person, relation, reachable or (previous and previous[2]))
    return [(student, list(guardians[student.id].values())) for student in students]


async def show_roster(ctx: Context, args: Args) -> None:
    class_group = await teacher_class(ctx)
    active = await roster_rows(ctx, class_group, StudentStatus.active)
    pending = await roster_rows(ctx, class_group, StudentStatus.pending)
    reachable = sum(1 for _, guardians in active if any(g[2] for g in guardians))
    # ⬇️ CSV / XLSX: the name is handlers.classes.roster_download.ROSTER (that module imports this one).
    buttons = (exports.button(ctx, "roster", str(class_group.id)),) if active or pending else ()
    ctx.say("roster.listing", class_name=class_group.name, children=active, pending=pending,
            reachable=reachable, buttons=buttons)
    await show_class_requests(ctx, class_group)  # each waiting request with its Approve / Reject


async def add_children(ctx: Context, args: Args) -> None:
    class_group = await teacher_class(ctx)
    names = [name for word in args.words for name in split_names(word)]  # "王小红，李华" is two children
    if not names:
        raise UserError("missing", what="child_name")
    cleaned = [validate_child_name(name) for name in names]  # all or nothing
    added, skipped = [], []
    for name in dict.fromkeys(cleaned):
        student = await find_student(ctx.session, class_group.id, name)
        if student is None:
            ctx.session.add(Student(class_id=class_group.id, name=name, status=StudentStatus.active,
                                    created_at=ctx.now()))
            added.append(name)
        elif student.status != StudentStatus.active:
            was_pending = student.status == StudentStatus.pending
            student.status = StudentStatus.active  # restoring an archived child, or approving a pending one
            added.append(name)
            if was_pending:
                await tell_approved(ctx, class_group, student)
        else:
            skipped.append(name)
    ctx.audit(class_group, "roster_add", count=len(added))
    ctx.say("roster.added", added=added, skipped=skipped)


async def remove_child(ctx: Context, args: Args) -> None:
    class_group, name = await teacher_class(ctx), " ".join(args.words)
    if not clean_name(name):
        raise UserError("missing", what="child_name")
    student = await find_student(ctx.session, class_group.id, name)
    if student is None or student.status == StudentStatus.archived:
        raise UserError("unknown_child", name=clean_name(name))
    student.status = StudentStatus.archived
    ctx.audit(class_group, "roster_remove", student_id=student.id)
    ctx.say("roster.removed", name=student.name)


class RosterFile(BaseModel):
    class_id: int


ROSTER_FILE = "classes.roster_file"


async def import_children(ctx: Context, args: Args) -> None:
    class_group = await teacher_class(ctx)
    documents = [a for a in ctx.incoming.attachments if a.kind == "document"]
    if not documents:
        # Telegram sends the file and its caption as one message; if the file comes after the
        # command, the next document this person sends completes it.
        await waits.begin(ctx, ROSTER_FILE, RosterFile(class_id=class_group.id))
        ctx.say("roster.send_file")
        return
    await import_file(ctx, class_group, documents[0])


async def roster_file_sent(ctx: Context, data: RosterFile, answer: waits.Answer) -> None:
    ctx.forced_class_id = data.class_id
    ctx.command, ctx.usage = "roster import", "usage.roster"
    class_group = await teacher_class(ctx)  # still their class, and still its teacher
    await import_file(ctx, class_group, answer.file("document"))


async def import_file(ctx: Context, class_group: ClassGroup, document: Attachment) -> None:
    data = await ctx.platform.download(document)
    rows = read_roster_file(data, document.file_name)
    existing = {s.name: s for s in (await ctx.session.scalars(
        select(Student).where(Student.class_id == class_group.id))).all()}
    added, skipped, invalid = [], [], []
    for row in rows:
        problem = name_problem(row.name) or ("number_too_long" if row.number and len(row.number) > 16 else None)
        if problem:
            invalid.append((row.line, row.name[:40], problem))
            continue
        name = clean_name(row.name)
        student = existing.get(name)
        if student is not None and student.status == StudentStatus.active:
            skipped.append((row.line, name))
            continue
        if student is None:
            student = Student(class_id=class_group.id, name=name, created_at=ctx.now())
            ctx.session.add(student)
            existing[name] = student
        elif student.status == StudentStatus.pending:
            await tell_approved(ctx, class_group, student)
        student.status = StudentStatus.active
        student.number = row.number or student.number
        added.append(name)
    ctx.audit(class_group, "roster_import", added=len(added), skipped=len(skipped), invalid=len(invalid))
    ctx.say("roster.imported", added=added, skipped=skipped, invalid=invalid)


async def export_roster(ctx: Context, args: Args) -> None:
    class_group = await teacher_class(ctx)
    rows = await roster_rows(ctx, class_group, StudentStatus.active, StudentStatus.pending)
    header = ctx.text("roster.export_header").split("|")
    table = [
        [student.number or "", student.name, ctx.text(f"roster.status_{student.status.value}"),
         "; ".join(f"{person.display_name}{f' ({relation})' if relation else ''}" for person, relation, _ in guardians),
         ctx.text("roster.yes") if any(g[2] for g in guardians) else ctx.text("roster.no")]
        for student, guardians in rows
    ]
    base = f"roster-{class_group.join_code}"
    media = (Media("document", roster_csv(header, table), f"{base}.csv"),
             Media("document", roster_xlsx(class_group.name, header, table), f"{base}.xlsx"))
    ctx.say("roster.exported", count=len(rows), media=media)
