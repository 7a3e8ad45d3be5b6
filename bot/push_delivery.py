"""Pushes in the running app: the scheduler (on the leader) and the delivery worker (on every replica),
started after the platforms and stopped before them."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from bot.outbox_worker import OutboxWorker, WorkerConfig
from bot.rate_limit import Limit, Limits, RateLimiter
from bot.runtime import Runtime
from bot.settings import Settings
from handlers.ports import Messenger
from schedules.scheduler import running_scheduler

log = logging.getLogger(__name__)


def limits_from(settings: Settings) -> Limits:
    return Limits(
        overall=Limit(settings.send_limit_per_second, 1.0),
        group=Limit(settings.send_limit_group_per_minute, 60.0),
        private=Limit(settings.send_limit_private_per_second, 1.0),
        group_edits=Limit(1, 60.0 / settings.edit_limit_group_per_minute),
        robot=Limit(settings.send_limit_wecom_robot_per_minute, 60.0),
        margin=0.05,
    )


def make_worker(runtime: Runtime, messengers: dict[str, Messenger]) -> OutboxWorker:
    settings = runtime.settings
    return OutboxWorker(runtime.sessions, messengers, runtime.clock, limiter=RateLimiter(limits_from(settings)),
                        config=WorkerConfig(max_attempts=settings.outbox_max_attempts))


@asynccontextmanager
async def running_pushes(runtime: Runtime, messengers: dict[str, Messenger]):
    async with running_scheduler(runtime.engine, runtime.sessions, runtime.clock,
                                 keep_days=runtime.settings.outbox_keep_days):
        if not messengers:
            # Rows stay pending rather than fail: a restart with a platform configured sends them.
            log.warning("no platform can send pushes; they wait in the outbox")
            yield None
            return
        worker = make_worker(runtime, messengers)
        async with worker.running():
            yield worker
