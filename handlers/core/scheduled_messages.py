"""Scheduling a message for later: a notice at 8:00 tomorrow, a private reminder in 24 hours.

Features call `schedule_message` inside their handler's transaction; the scheduler's tick hands the
message to the outbox when its time comes (quiet hours and grace periods apply as for every push)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.messages import Button, ChatRef, PersonTarget
from handlers.core.outbox import buttons_from_rows, buttons_to_rows
from handlers.core.pushes import Push
from models import ScheduledMessage


async def schedule_message(session: AsyncSession, *, class_id: int | None, to: ChatRef | PersonTarget, text: str,
                           at: datetime, now: datetime, kind: str = "message", urgent: bool = False,
                           buttons: tuple[tuple[Button, ...], ...] = (), tally_key: str | None = None,
                           created_by: int | None = None) -> ScheduledMessage:
    if at.tzinfo is None:
        raise ValueError("schedule_message needs an aware time")
    message = ScheduledMessage(
        class_id=class_id, kind=kind, text=text, buttons=buttons_to_rows(buttons), urgent=urgent,
        tally_key=tally_key, send_at=at, queued=False, cancelled=False, created_by=created_by, created_at=now,
        platform=to.platform if isinstance(to, ChatRef) else None,
        chat_id=to.chat_id if isinstance(to, ChatRef) else None,
        is_private=to.is_private if isinstance(to, ChatRef) else True,
        person_id=to.person_id if isinstance(to, PersonTarget) else None,
    )
    session.add(message)
    await session.flush()
    return message


async def cancel_message(session: AsyncSession, message_id: int) -> bool:
    """Cancels a message that has not been handed to the outbox yet; False when it is too late."""
    result = await session.execute(
        update(ScheduledMessage)
        .where(ScheduledMessage.id == message_id, ScheduledMessage.queued.is_(False),
               ScheduledMessage.cancelled.is_(False))
        .values(cancelled=True)
    )
    return result.rowcount == 1


async def take_due_messages(session: AsyncSession, now: datetime) -> list[Push]:
    """The messages whose time has come, marked as handed over in the caller's transaction."""
    due = (await session.scalars(
        select(ScheduledMessage)
        .where(ScheduledMessage.queued.is_(False), ScheduledMessage.cancelled.is_(False),
               ScheduledMessage.send_at <= now)
        .order_by(ScheduledMessage.send_at, ScheduledMessage.id)
        .with_for_update(skip_locked=True)
    )).all()
    pushes = []
    for message in due:
        message.queued = True
        target = (PersonTarget(message.person_id) if message.person_id is not None
                  else ChatRef(message.platform, message.chat_id, message.is_private))
        pushes.append(Push(
            dedup_key=f"scheduled:{message.id}", kind=message.kind, due_at=message.send_at,
            class_id=message.class_id, target=target, text=message.text,
            buttons=buttons_from_rows(message.buttons), urgent=message.urgent, tally_key=message.tally_key,
        ))
    return pushes
