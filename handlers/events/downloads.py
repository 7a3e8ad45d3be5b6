"""An event's attendance as a download (handlers.core.exports), for whoever may see /event status: each
family's RSVP, whether it checked in and when (the same table the teachers' attendance carries as files)."""
from __future__ import annotations

from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.exports import ExportList
from handlers.events import lookup
from handlers.events.attendance import ATTENDANCE_EXPORT, attendance, attendance_table
from models import ClassGroup
from models.events import Event

ATTENDANCE = ATTENDANCE_EXPORT


async def attendance_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    number = lookup.event_number(args[0]) if args else None
    event = await ctx.session.get(Event, number) if number is not None else None
    if event is None:
        raise UserError("stale_button")
    await lookup.require_manager(ctx, event)
    class_group = await ctx.session.get(ClassGroup, event.class_id)
    figures = await attendance(ctx.session, event, class_group.timezone)
    return ExportList(class_group, [attendance_table(event, figures, ctx.language)], f"attendance-{event.id}")
