"""Moving the sandbox's clock on: "⏩ next", "+1 h", "+1 day".

A jump passes through every moment that falls due on the way and, at each, runs the scheduler's tick and
one pass of the delivery worker, as a bot left running would have: "+1 day" from one evening's post
brings that night's nudges and the next evening's post, each in its turn. What the limits spread over a
few seconds after the last moment (a second private message, a count edit) follows within SETTLE."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.outbox_worker import OutboxWorker
from bot.sandbox.clock import SandboxClock
from bot.sandbox.next_due import next_due
from models import OutboxMessage, OutboxStatus, TallyEdit
from schedules.providers import load_providers
from schedules.tick import tick

log = logging.getLogger(__name__)

STEPS = {"hour": timedelta(hours=1), "day": timedelta(days=1)}
SETTLE = timedelta(minutes=1)
MAX_MOMENTS = 2000  # a retry loop must not hold a jump for ever
IN_FLIGHT_WAIT = 30.0  # seconds: the worker's send timeout


@dataclass
class Jump:
    moved: bool
    now: datetime
    moments: int  # due moments passed through


class TimeTravel:
    def __init__(self, clock: SandboxClock, sessions: async_sessionmaker[AsyncSession],
                 make_worker: Callable[[], OutboxWorker], on_moved: Callable[[], None] = lambda: None):
        self.clock = clock
        self.sessions = sessions
        self.make_worker = make_worker
        self.on_moved = on_moved
        self._lock = asyncio.Lock()  # two presses in quick succession jump one after the other

    async def next_due(self) -> datetime | None:
        async with self.sessions() as session:
            return await next_due(session, self.clock.now())

    async def jump(self, how: str) -> Jump:
        """`how` is "next" (to the next due moment), "hour" or "day"."""
        async with self._lock:
            if how == "next":
                target = await self.next_due()
                if target is None:
                    return Jump(False, self.clock.now(), 0)
            else:
                target = self.clock.now() + STEPS[how]
            load_providers()
            worker = self.make_worker()
            moments = await self._through(target, worker)
            await self._arrive(target, worker)
            moments += await self._through(self.clock.now() + SETTLE, worker)
            await self.clock.save(self.sessions)
            self.on_moved()
            return Jump(True, self.clock.now(), moments)

    async def _through(self, until: datetime, worker: OutboxWorker) -> int:
        count = 0
        while count < MAX_MOMENTS:
            async with self.sessions() as session:
                due = await next_due(session, self.clock.now())
            if due is None or due > until:
                break
            await self._arrive(due, worker)
            count += 1
        else:
            log.warning("sandbox clock: stopped after %d due moments before %s", count, until.isoformat())
        return count

    async def _in_flight_done(self) -> None:
        """Waits (a bounded while) for sends under way: their leases run on the clock a jump moves, and a
        lease that a jump had ended would let a second pass send the same push again."""
        deadline = asyncio.get_running_loop().time() + IN_FLIGHT_WAIT
        while asyncio.get_running_loop().time() < deadline:
            now = self.clock.now()  # a lease already over (a process that stopped mid-send) is not waited for
            async with self.sessions() as session:
                leased = await session.scalar(select(func.count()).select_from(OutboxMessage).where(
                    OutboxMessage.status == OutboxStatus.pending, OutboxMessage.lease_until > now))
                leased += await session.scalar(select(func.count()).select_from(TallyEdit).where(
                    TallyEdit.lease_until > now, TallyEdit.applied_version < TallyEdit.version))
            if not leased:
                return
            await asyncio.sleep(0.05)
        log.warning("sandbox clock: moving on with sends still under way")

    async def _arrive(self, moment: datetime, worker: OutboxWorker) -> None:
        await self._in_flight_done()
        self.clock.move_to(moment)
        now = self.clock.now()
        await tick(self.sessions, now)
        await worker.run_once()
