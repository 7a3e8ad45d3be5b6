"""/forgetme: a family's thank-yous go (they name the person); a teacher's highlights stay as the class's
record of the child, no longer naming who wrote them."""
from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from models.highlights import Highlight, HighlightDigest, HighlightThanks


async def forget_person(session: AsyncSession, person_id: int) -> None:
    await session.execute(delete(HighlightThanks).where(HighlightThanks.person_id == person_id))
    await session.execute(update(Highlight).where(Highlight.recorded_by == person_id).values(recorded_by=None))
    await session.execute(update(HighlightDigest).where(HighlightDigest.decided_by == person_id)
                          .values(decided_by=None))
