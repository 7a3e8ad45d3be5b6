"""The running scheduler: APScheduler with two fixed jobs, started and stopped with the app.

APScheduler only keeps time here; every schedule lives in the features' own rows, and its in-memory job
store holds nothing but these two jobs, so replicas never share (or duplicate) APScheduler state."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from handlers.core.clock import Clock
from schedules.leader import Leadership
from schedules.providers import load_providers
from schedules.tick import clean_up, tick

log = logging.getLogger(__name__)


@asynccontextmanager
async def running_scheduler(engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], clock: Clock,
                            *, keep_days: int = 30):
    """Ticks at the top of every minute on the leader, and once right away, which is how pushes that
    came due while the bot was down are caught up on start."""
    load_providers()
    leadership = Leadership(engine)

    async def run_tick() -> None:
        if await leadership.is_leader():
            result = await tick(sessions, clock.now())
            if result.queued:
                log.info("tick queued %d pushes", result.queued)

    async def run_clean_up() -> None:
        if await leadership.is_leader():
            deleted = await clean_up(sessions, clock.now(), keep_days)
            log.info("clean-up deleted %d old rows", deleted)

    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(run_tick, CronTrigger(second=0, timezone=UTC), id="tick",
                      next_run_time=datetime.now(UTC), max_instances=1, coalesce=True,
                      misfire_grace_time=30)
    scheduler.add_job(run_clean_up, CronTrigger(hour=3, minute=17, timezone=UTC), id="clean-up",
                      max_instances=1, coalesce=True, misfire_grace_time=3600)
    scheduler.start()
    try:
        yield scheduler
    finally:
        scheduler.shutdown(wait=False)
        await leadership.release()
