"""A notice's confirmations as a download (handlers.core.exports), for whoever may see /notice status: every
family of the class (the child, its guardians), whether it confirmed and when, in the class's zone."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from handlers.classes.families import guardians_of
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.exports import ExportList, Table
from handlers.notices import lookup
from handlers.notices.report_part import heading
from handlers.notices.status import CONFIRMATIONS_EXPORT
from models import ClassGroup
from models.notices import Notice, NoticeConfirmation

CONFIRMATIONS = CONFIRMATIONS_EXPORT


async def confirmations_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    notice = await ctx.session.get(Notice, int(args[0])) if args and args[0].isdecimal() else None
    if notice is None:
        raise UserError("stale_button")
    await lookup.require_manager(ctx, notice)
    class_group = await ctx.session.get(ClassGroup, notice.class_id)
    zone = ZoneInfo(class_group.timezone)
    confirmed = {row.student_id: row.confirmed_at for row in (await ctx.session.scalars(select(
        NoticeConfirmation).where(NoticeConfirmation.notice_id == notice.id))).all()}
    children = await lookup.class_children(ctx.session, notice.class_id)
    guardians = await guardians_of(ctx.session, [child.id for child in children])
    yes, no, title = ctx.text("notices.export_yes"), ctx.text("notices.export_no"), heading(notice)
    rows = [[title, child.name, "; ".join(person.display_name for person in guardians.get(child.id, [])),
             yes if child.id in confirmed else no,
             confirmed[child.id].astimezone(zone) if child.id in confirmed else None] for child in children]
    return ExportList(class_group, [Table(ctx.text("notices.export_title"), ctx.text("notices.export_header")
                                          .split("|"), rows)], f"notice-{notice.id}")
