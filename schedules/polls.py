"""Polls close at their `until`: the poll's buttons go and the result with its chart is posted."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.polls.close import close_poll
from models.polls import Poll
from schedules.providers import Push, provider


@provider("poll_result")
async def closing(session: AsyncSession, now: datetime) -> list[Push]:
    due = (await session.scalars(select(Poll).where(Poll.closed_at.is_(None), Poll.until.is_not(None),
                                                    Poll.until <= now).order_by(Poll.until))).all()
    return [await close_poll(session, poll, poll.until) for poll in due]
