"""The sandbox's clock: real time (or a test's clock) plus an offset that only grows.

Moving it on is how a newcomer lives a 21-day plan in minutes. The offset is kept in the store
(models/sandbox_clock.py), so a restarted sandbox is still on the day it had reached."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.core.clock import Clock, SystemClock
from models.sandbox_clock import SANDBOX_CLOCK_ROW, SandboxClockOffset
from models.upserts import insert_for


class SandboxClock:
    def __init__(self, base: Clock | None = None, offset: timedelta = timedelta(0)):
        self.base = base or SystemClock()
        self.offset = offset

    def now(self) -> datetime:
        return self.base.now() + self.offset

    def move_to(self, moment: datetime) -> bool:
        """Sets the clock to `moment` if that is later than now; time never goes back. True if it moved."""
        if moment <= self.now():
            return False
        self.offset = moment - self.base.now()
        return True

    async def load(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        async with sessions() as session:
            self.offset = await stored_offset(session)

    async def save(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        seconds = self.offset.total_seconds()
        async with sessions.begin() as session:
            statement = insert_for(session, SandboxClockOffset).values(id=SANDBOX_CLOCK_ROW, offset_seconds=seconds)
            await session.execute(statement.on_conflict_do_update(
                index_elements=["id"], set_={"offset_seconds": seconds}))


async def stored_offset(session: AsyncSession) -> timedelta:
    seconds = await session.scalar(select(SandboxClockOffset.offset_seconds).where(
        SandboxClockOffset.id == SANDBOX_CLOCK_ROW))
    return timedelta(seconds=seconds or 0.0)


async def sandbox_now(session: AsyncSession, base: Clock | None = None) -> datetime:
    """The sandbox's time as a process other than the running sandbox sees it (e.g. `classbridge demo`)."""
    return (base or SystemClock()).now() + await stored_offset(session)
