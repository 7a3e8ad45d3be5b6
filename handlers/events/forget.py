"""/forgetme: who answered or checked in for a family is forgotten; the family's answers stay, as counts."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from models.events import EventCheckin, EventRsvp


async def forget(session: AsyncSession, person_id: int) -> None:
    for model in (EventRsvp, EventCheckin):
        await session.execute(update(model).where(model.person_id == person_id).values(person_id=None))
