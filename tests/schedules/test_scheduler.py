"""The scheduler runs with the app, catches up on start, and runs on one replica at a time."""
import asyncio
from datetime import timedelta

from sqlalchemy import select, text

from handlers.core.clock import FixedClock
from handlers.core.messages import ChatRef
from handlers.core.scheduled_messages import schedule_message
from models import OutboxMessage
from models.engine import make_engine
from schedules.leader import Leadership
from schedules.scheduler import running_scheduler
from support.outbox import T0, add_class


async def wait_for_row(sessions, seconds: float = 10.0):
    """APScheduler runs on real time: wait (bounded) for its first tick to have written the row."""
    for _ in range(int(seconds / 0.05)):
        async with sessions() as session:
            row = await session.scalar(select(OutboxMessage))
        if row is not None:
            return row
        await asyncio.sleep(0.05)
    return None


async def test_on_start_the_scheduler_queues_what_came_due_while_the_bot_was_down(engine, sessions):
    class_id = await add_class(sessions)
    async with sessions.begin() as session:
        await schedule_message(session, class_id=class_id, to=ChatRef("fake", "-1001", False), text="家长会提醒",
                               at=T0 - timedelta(minutes=30), now=T0 - timedelta(days=1))
    async with running_scheduler(engine, sessions, FixedClock(T0)) as scheduler:
        row = await wait_for_row(sessions)
        assert sorted(job.id for job in scheduler.get_jobs()) == ["clean-up", "tick"]
    assert row is not None and row.text == "家长会提醒" and row.not_before == T0


async def test_one_replica_leads_and_another_takes_over_when_its_connection_dies(database_url):
    engines = [make_engine(database_url), make_engine(database_url)]
    first, second = Leadership(engines[0]), Leadership(engines[1])
    try:
        if engines[0].dialect.name != "postgresql":
            assert await first.is_leader() and await second.is_leader()  # SQLite: one process does all
            return
        assert await first.is_leader()
        assert not await second.is_leader()
        assert await first.is_leader()  # asking again keeps it
        async with engines[1].connect() as admin:  # the leader's process dies: its connection goes
            await admin.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"))
        for _ in range(100):
            if await second.is_leader():
                break
            await asyncio.sleep(0.05)  # the server releases the lock once the backend has exited
        assert await second.is_leader()
        assert not await first.is_leader()
    finally:
        await first.release()
        await second.release()
        for engine in engines:
            await engine.dispose()
