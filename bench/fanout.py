"""Fan-out: N classes whose reminders fall in the same minute, delivered within the configured limits.

    python -m bench.fanout [--classes 2000] [--database-url URL] [--messenger telegram|limited]

By default the pushes go through the real Telegram messenger (python-telegram-bot over HTTP) to the
sandbox's Bot API stand-in with Telegram's limits on; `limited` swaps both for an in-process stand-in.
Prints the achieved rate as a ratio of the configured overall limit, the 429 answers, and the
duplicates and losses (both must be 0). Runs on real time: it is a bench, not a test."""
from __future__ import annotations

import argparse
import asyncio
import tempfile
import time as wall
from datetime import time

from sqlalchemy import func, select

from bench.stand_in import StandInCounts, running_stand_in
from bench.telegram_limits import LimitedMessenger
from bot import migrate
from bot.outbox_worker import OutboxWorker, WorkerConfig
from bot.rate_limit import RateLimiter, limits_from
from bot.settings import load_settings
from handlers.core.clock import SystemClock
from handlers.core.messages import ChatRef
from handlers.core.ports import Messenger
from handlers.core.scheduled_messages import schedule_message
from models import ClassGroup, OutboxMessage, OutboxStatus
from models.engine import make_engine, make_sessionmaker
from schedules.providers import PROVIDERS, load_providers
from schedules.tick import tick


def chat_of(n: int) -> str:
    return f"-100{n}"


async def seed(sessions, classes: int, clock) -> None:
    now = clock.now()
    async with sessions.begin() as session:
        groups = [
            ClassGroup(
                name=f"班级{n}",
                platform="telegram",
                chat_id=chat_of(n),
                join_code=f"B{n:05d}",
                timezone="UTC",
                language="zh",
                quiet_start=time(0, 0),
                quiet_end=time(0, 0),
                created_at=now,
            )
            for n in range(classes)
        ]
        session.add_all(groups)
        await session.flush()
        for group in groups:  # every reminder in the same minute
            await schedule_message(
                session,
                class_id=group.id,
                to=ChatRef("telegram", group.chat_id, False),
                text=f"📅 {group.name} 今日打卡提醒",
                at=now,
                now=now,
                kind="habit_daily",
            )


async def run(classes: int, database_url: str, messenger: Messenger, counts=None) -> None:
    settings = load_settings(database_url=database_url)
    engine = make_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.upgrade(database_url, connection=sync))
    sessions, clock = make_sessionmaker(engine), SystemClock()
    await seed(sessions, classes, clock)
    load_providers()
    await tick(sessions, clock.now(), PROVIDERS)
    worker = OutboxWorker(sessions, {"telegram": messenger}, clock, limiter=RateLimiter(limits_from(settings)),
                          config=WorkerConfig(poll_interval=0.2, hold=0.25))
    started = wall.monotonic()
    async with worker.running():
        while True:
            async with sessions() as session:
                pending = await session.scalar(select(func.count()).where(OutboxMessage.status == OutboxStatus.pending))
            if not pending:
                break
            await asyncio.sleep(0.5)
    elapsed = wall.monotonic() - started
    await engine.dispose()
    report(classes, settings.send_limit_per_second, counts or messenger, elapsed)


def report(classes: int, limit: int, messenger, elapsed: float) -> None:
    delivered = getattr(messenger, "delivered", None)
    print(f"classes: {classes}, overall limit: {limit}/s, wall time: {elapsed:.1f} s")
    if delivered is None:
        return
    times = sorted(messenger.sent_at)
    # n sends fit in (last - first) plus one window: the first window's burst is sent at once.
    rate = len(times) / (times[-1] - times[0] + 1.0) if times else 0.0
    busiest, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        busiest = max(busiest, end - start + 1)
    print(
        f"achieved rate: {rate:.1f}/s = {rate / limit:.2f} of the configured overall limit; "
        f"busiest second: {busiest} messages"
    )
    print(f"429 answers: {messenger.too_many}")
    print(f"duplicates: {sum(n - 1 for n in delivered.values() if n > 1)}, losses: {classes - len(delivered)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=2000)
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file in a temporary directory")
    parser.add_argument("--messenger", choices=["telegram", "limited"], default="telegram")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = options.database_url or f"sqlite+aiosqlite:///{directory}/fanout.db"
        if options.messenger == "limited":
            asyncio.run(run(options.classes, url, LimitedMessenger()))
        else:
            asyncio.run(through_telegram(options.classes, url))


async def through_telegram(classes: int, url: str) -> None:
    async with running_stand_in() as (world, _base, _bot, messenger, _botapi):
        for n in range(classes):  # the class groups the bot is a member of
            world.add_group(f"班级{n}", chat_id=int(chat_of(n)))
        await run(classes, url, messenger, StandInCounts(world))


if __name__ == "__main__":
    main()
