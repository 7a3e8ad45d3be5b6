"""The scheduler's tick with every provider, over 100 and over 10,000 classes of which the same 100 are due.

    python -m bench.tick [--classes 100,10000] [--due 100] [--class-size 5] [--runs 7] [--database-url URL]

Each class has a running class habit plan, a roster (children with one reachable guardian each, and a
teacher), one scheduled message and a highlight of this week (its digest is on Friday). In the due classes
the daily post, the nudge and the scheduled message are due; elsewhere everything lies ahead. A tick's work
should follow what is due, not how many classes there are, so the bench prints each size's ticks (wall time
and the process's CPU time) and the ratio of the largest to the smallest.
Each run restores the due state first (plans' next times, messages not queued, an empty outbox), so all
runs do the same work. Runs on real time: it is a bench, not a test."""
from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time as wall
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, insert, text, update

from bot import migrate
from models import (
    ClassGroup,
    Guardianship,
    Identity,
    Membership,
    OutboxMedia,
    OutboxMessage,
    Person,
    Role,
    ScheduledMessage,
    Student,
    StudentStatus,
    TallyEdit,
)
from models.engine import make_engine, make_sessionmaker
from models.habit_rules import end_of
from models.habit_schedule import moment, nudge_time
from models.habits import Evidence, HabitPlan, PlanMode
from models.highlights import Highlight
from schedules.providers import load_providers
from schedules.tick import tick

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday noon: no digest, no plan's end
ZONE = "UTC"
DUE_AT = time(11, 0)  # the due classes' post; their nudge comes 2 h later, so the bench moves it back
LATER_AT = time(18, 0)  # everyone else's post, still ahead today
START = date(2026, 11, 28)
NO_QUIET = (time(0, 0), time(0, 0))  # quiet hours that never begin: the bench runs at noon anyway
DAYS = 21
WEEK = date(2026, 11, 30)  # the Monday of NOW's week


async def seed(sessions, classes: int, due: int, class_size: int) -> None:
    """Bulk inserts with ids chosen here, so nothing waits for a flush to learn one."""
    created = NOW - timedelta(days=5)
    groups, plans, students, persons, identities, memberships, guardianships, messages, highlights = (
        [] for _ in range(9))
    for c in range(1, classes + 1):
        groups.append(dict(id=c, name=f"班{c}", platform="telegram", chat_id=f"-100{c}", join_code=f"T{c:05d}",
                           timezone=ZONE, language="zh", quiet_start=time(0, 0), quiet_end=time(0, 0),
                           digest_weekday=4, digest_time=time(16, 0), created_at=created))
        teacher = c * (class_size + 1)
        people = [teacher] + [teacher - n for n in range(1, class_size + 1)]
        for person in people:
            persons.append(dict(id=person, display_name=f"人{person}", language="zh", created_at=created))
            identities.append(dict(id=person, person_id=person, platform="telegram", external_id=str(person),
                                   private_chat_id=str(person), reachable=True))
            memberships.append(dict(id=person, class_id=c, person_id=person,
                                    role=Role.teacher if person == teacher else Role.parent, joined_at=created))
        for person in people[1:]:  # each child's guardian; the child takes the guardian's number
            students.append(dict(id=person, class_id=c, name=f"学生{person}", status=StudentStatus.active,
                                 created_at=created))
            guardianships.append(dict(id=person, student_id=person, person_id=person, relation="妈妈",
                                      created_at=created))
        plans.append(plan_row(c, c <= due, created))
        # This week's bright spot, posted on Friday: every class has a week open, none is due today.
        highlights.append(dict(id=c, class_id=c, student_id=teacher - 1, week_start=WEEK, text="主动帮助同学",
                               recorded_by=teacher, recorded_at=NOW - timedelta(days=1)))
        messages.append(dict(id=c, class_id=c, kind="notice", platform="telegram", chat_id=f"-100{c}",
                             is_private=False, text=f"班{c} 通知", buttons=[], urgent=False,
                             send_at=NOW - timedelta(minutes=1) if c <= due else NOW + timedelta(days=1),
                             queued=False, cancelled=False, created_at=created))
    async with sessions.begin() as session:
        for model, rows in [(ClassGroup, groups), (Person, persons), (Identity, identities),
                            (Membership, memberships), (Student, students), (Guardianship, guardianships),
                            (HabitPlan, plans), (ScheduledMessage, messages), (Highlight, highlights)]:
            for first in range(0, len(rows), 5000):
                await session.execute(insert(model), rows[first:first + 5000])


def plan_row(class_id: int, is_due: bool, created: datetime) -> dict:
    remind = DUE_AT if is_due else LATER_AT
    today = NOW.date()
    end = end_of(START, DAYS)
    nudge = NOW - timedelta(minutes=1) if is_due else moment(today, nudge_time(remind, *NO_QUIET), ZONE)
    return dict(id=class_id, class_id=class_id, student_id=None, created_by=None, title="21天阅读", days=DAYS,
                start_date=START, end_date=end, remind_at=remind, evidence=Evidence.none, makeup_quota=2,
                mode=PlanMode.required, created_at=created, stopped_at=None,
                next_post_at=moment(today, remind, ZONE),
                next_nudge_at=nudge,
                next_stars_at=moment(date(2026, 12, 4), time(16, 0), ZONE),
                next_certificates_at=moment(end, time(0), ZONE),
                next_summary_at=moment(end + timedelta(days=1), time(0), ZONE))


async def make_due_again(sessions, due: int) -> None:
    """What the previous run moved on is put back, so every run finds the same work."""
    async with sessions.begin() as session:
        await session.execute(update(HabitPlan).where(HabitPlan.id <= due).values(
            next_post_at=moment(NOW.date(), DUE_AT, ZONE), next_nudge_at=NOW - timedelta(minutes=1)))
        await session.execute(update(ScheduledMessage).where(ScheduledMessage.id <= due).values(queued=False))
        for model in (OutboxMedia, OutboxMessage, TallyEdit):
            await session.execute(delete(model))


async def measure(url: str, classes: int, due: int, class_size: int, runs: int) -> tuple[list[float], list[float]]:
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.upgrade(url, connection=sync))
    sessions = make_sessionmaker(engine)
    await seed(sessions, classes, due, class_size)
    if engine.dialect.name == "postgresql":
        # A live PostgreSQL keeps its planner statistics up to date (autovacuum analyses what changed); a
        # store filled in one bulk insert has none yet, and the planner would guess at the tick's IN-lists.
        async with engine.begin() as connection:
            await connection.execute(text("ANALYZE"))
    providers = load_providers()
    times, cpu = [], []
    for _ in range(runs):
        await make_due_again(sessions, due)
        started, started_cpu = wall.perf_counter(), wall.process_time()
        result = await tick(sessions, NOW, providers)
        times.append(wall.perf_counter() - started)
        cpu.append(wall.process_time() - started_cpu)
        if result.failed_providers or result.queued != due * (2 + class_size):
            raise RuntimeError(f"the tick did not do the due work: {result}")
    await engine.dispose()
    return times, cpu


async def drop_all(url: str) -> None:
    from models import Base
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", default="100,10000", help="comma-separated class counts")
    parser.add_argument("--due", type=int, default=100)
    parser.add_argument("--class-size", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default=None,
                        help="an empty database (its tables are dropped after each size); default: SQLite files")
    options = parser.parse_args()
    sizes = [int(n) for n in options.classes.split(",")]
    best = {}
    with tempfile.TemporaryDirectory() as directory:
        for classes in sizes:
            url = options.database_url or f"sqlite+aiosqlite:///{directory}/tick-{classes}.db"
            try:
                times, cpu = asyncio.run(measure(url, classes, options.due, options.class_size, options.runs))
            finally:
                if options.database_url:
                    asyncio.run(drop_all(url))
            # The fastest run is the one others on the machine disturbed least; the median shows the spread.
            best[classes] = min(times)
            runs = ", ".join(f"{t * 1000:.0f}" for t in times)
            # The process's CPU time as well: on a shared machine the wall time also holds the waits for a core.
            print(f"{classes:>6} classes, {options.due} due: tick fastest {best[classes] * 1000:.0f} ms, "
                  f"median {statistics.median(times) * 1000:.0f} ms (runs {runs}); "
                  f"CPU fastest {min(cpu) * 1000:.0f} ms, median {statistics.median(cpu) * 1000:.0f} ms")
    print(f"ratio {max(sizes)} / {min(sizes)} classes (fastest runs): {best[max(sizes)] / best[min(sizes)]:.2f}")


if __name__ == "__main__":
    main()
