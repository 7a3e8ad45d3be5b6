"""Pushes in the running app: the scheduler (on the leader) and the delivery worker (on every replica),
started after the platforms and stopped before them."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from datetime import timedelta

from bot.outbox_worker import OutboxWorker, WorkerConfig
from bot.runtime import Runtime
from handlers.core.ports import Messenger
from schedules.scheduler import running_scheduler

log = logging.getLogger(__name__)


def make_worker(runtime: Runtime, messengers: dict[str, Messenger]) -> OutboxWorker:
    settings = runtime.settings
    lease = settings.outbox_lease_seconds
    # A send must end well within its row's lease, or another process could take the row while it is sent.
    timeout = min(WorkerConfig.send_timeout, lease / 4)
    return OutboxWorker(runtime.sessions, messengers, runtime.clock, limiter=runtime.send_limiter,
                        config=WorkerConfig(max_attempts=settings.outbox_max_attempts, lease=timedelta(seconds=lease),
                                            send_timeout=timeout),
                        wake=runtime.outbox_added)


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
