"""The one private reminder, 24 hours after a notice reached the group, to the guardians of the families
that have not confirmed and that the bot can write to; never in the class's quiet hours (it waits for
their end, so a family that confirms at dawn is not reminded)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import guardians_of
from handlers.core.messages import PersonTarget
from handlers.core.pushes import Push
from handlers.core.texts import render
from handlers.notices.post import ack_buttons
from handlers.notices.status import unconfirmed
from models import ClassGroup
from models.notices import Notice
from models.quiet_hours import in_quiet_hours


def quiet_now(class_group: ClassGroup, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(class_group.timezone)).time()
    return in_quiet_hours(local, class_group.quiet_start, class_group.quiet_end)


async def reminder_pushes(session: AsyncSession, notice: Notice, now: datetime) -> list[Push] | None:
    """The reminders, or None while the class is in its quiet hours (the notice waits for the next tick)."""
    class_group = await session.get(ClassGroup, notice.class_id)
    if quiet_now(class_group, now):
        return None
    missing = await unconfirmed(session, notice)
    guardians = await guardians_of(session, [child.id for child in missing], reachable_only=True)
    pushes, seen = [], set()
    for child in missing:
        for person in guardians.get(child.id, []):
            if person.id in seen:
                continue
            seen.add(person.id)
            pushes.append(Push(
                dedup_key=f"notice-remind:id={notice.id}:person={person.id}", kind="notice_reminder", due_at=now,
                class_id=class_group.id, target=PersonTarget(person.id),
                text=render(person.language, "notices.reminder", notice=notice, class_name=class_group.name),
                buttons=ack_buttons(notice, person.language)))
    notice.reminded_at = now
    return pushes
