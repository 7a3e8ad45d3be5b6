"""The core's provider: scheduled messages (handlers.core.scheduled_messages) go to the outbox once due."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.pushes import Push
from handlers.core.scheduled_messages import take_due_messages
from schedules.providers import provider


@provider("scheduled_messages")
async def due(session: AsyncSession, now: datetime) -> list[Push]:
    return await take_due_messages(session, now)
