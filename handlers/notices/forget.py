"""/forgetme: who pressed ✅ 收到 is forgotten; the family's confirmation stays, as an anonymous count."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from models.notices import NoticeConfirmation


async def forget(session: AsyncSession, person_id: int) -> None:
    await session.execute(update(NoticeConfirmation).where(NoticeConfirmation.person_id == person_id)
                          .values(person_id=None))
