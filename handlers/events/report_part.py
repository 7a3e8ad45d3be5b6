"""The events part of /report week: the events of the week (those still to come too, with their RSVPs so far),
each with the families going and not going, and once its check-in opened, the families present against the
class's families (the attendance rate of the teacher's attendance); per child, its RSVP and presence."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.declarations import ReportFigures
from handlers.events import answers, lookup
from models import ClassGroup
from models.events import Event
from models.habit_rules import percent
from models.habit_schedule import local_day, moment


async def events_week(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime) -> ReportFigures:
    starts = moment(week, time(0, 0), class_group.timezone)
    ends = moment(week + timedelta(days=7), time(0, 0), class_group.timezone)
    events = (await session.scalars(select(Event).where(
        Event.class_id == class_group.id, Event.starts_at >= starts, Event.starts_at < ends,
        Event.created_at <= now).order_by(Event.starts_at, Event.id))).all()
    children = await lookup.class_children(session, class_group.id) if events else []
    items, rates, rows = [], [], []
    for event in events:
        rsvps, checkins = await answers.rsvps(session, event), await answers.checkins(session, event)
        said = {child.id: rsvps[child.id].going for child in children if child.id in rsvps}
        present = sum(1 for child in children if child.id in checkins)
        held = event.checkin_opened_at is not None and event.checkin_opened_at <= now
        rate = percent(present, len(children)) if held else None
        items.append({"title": event.title, "day": local_day(event.starts_at, class_group.timezone),
                      "going": sum(1 for going in said.values() if going),
                      "not_going": sum(1 for going in said.values() if not going), "families": len(children),
                      "present": present if held else None, "rate": rate, "held": held})
        if held:
            rates.append((event.title, rate))
        rows.extend([child.name, event.title, None if child.id not in said else int(said[child.id]),
                     (1 if child.id in checkins else 0) if held else None] for child in children)
    return ReportFigures(items=items, columns=("reports.col_event", "reports.col_date", "reports.col_going",
                                               "reports.col_not_going", "reports.col_families",
                                               "reports.col_present", "reports.col_attendance_rate"),
                         cells=("title", "day", "going", "not_going", "families", "present", "rate"), rates=rates,
                         child_columns=("reports.col_child", "reports.col_event", "reports.col_going",
                                        "reports.col_present"),
                         child_rows=rows)
