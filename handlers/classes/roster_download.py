"""The roster as /roster shows it (active and waiting children with their guardians), as a download
(handlers.core.exports) for the class's teachers. `/roster export` stays the file /roster import reads back."""
from __future__ import annotations

from sqlalchemy import select

from handlers.classes.roster import roster_rows
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.exports import ExportList, Table
from models import ClassGroup, Membership, Role, StudentStatus

ROSTER = "roster"


async def roster_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    class_id = int(args[0]) if args and args[0].isdecimal() else None
    role = await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == class_id, Membership.person_id == ctx.person.id)) if class_id else None
    if role != Role.teacher:
        raise UserError("not_allowed", roles=["teacher"], command="roster")
    class_group = await ctx.session.get(ClassGroup, class_id)
    rows = await roster_rows(ctx, class_group, StudentStatus.active, StudentStatus.pending)
    yes, no = ctx.text("roster.yes"), ctx.text("roster.no")
    table = Table(ctx.text("roster.export_title"), ctx.text("roster.export_header").split("|"), [
        [student.number, student.name, ctx.text(f"roster.status_{student.status.value}"),
         "; ".join(f"{person.display_name}{f' ({relation})' if relation else ''}" for person, relation, _ in guardians),
         yes if any(g[2] for g in guardians) else no]
        for student, guardians in rows])
    return ExportList(class_group, [table], f"roster-{class_group.join_code}")
