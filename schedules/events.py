"""Events: when an event's two-hour check-in closes, its button goes and the teachers get the attendance
privately, once."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.events.attendance import attendance_pushes
from handlers.events.cards import refresh_checkin
from models.events import Event
from schedules.providers import Push, provider


@provider("event_attendance")
async def closing(session: AsyncSession, now: datetime) -> list[Push]:
    due = (await session.scalars(select(Event).where(Event.attendance_sent_at.is_(None),
                                                     Event.checkin_closes_at.is_not(None),
                                                     Event.checkin_closes_at <= now)
                                 .order_by(Event.checkin_closes_at, Event.id))).all()
    pushes: list[Push] = []
    for event in due:
        event.attendance_sent_at = now
        await refresh_checkin(session, event, now)
        pushes.extend(await attendance_pushes(session, event, now))
    return pushes
