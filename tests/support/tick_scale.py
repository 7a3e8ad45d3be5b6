"""Classes with a running habit plan and reachable families, for checking that a tick's cost follows what is
due rather than how many classes there are (the same seed as bench/tick.py, at test size)."""
from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, event, update

from models import (
    ClassGroup,
    Guardianship,
    Identity,
    Membership,
    OutboxMedia,
    OutboxMessage,
    Person,
    Role,
    Student,
    StudentStatus,
    TallyEdit,
)
from models.habit_rules import end_of
from models.habit_schedule import moment
from models.habits import Evidence, HabitPlan, PlanMode
from models.highlights import Highlight

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # a Wednesday noon: no digest, no plan's end
DUE_AT, LATER_AT = time(11, 0), time(18, 0)
START, DAYS = date(2026, 11, 28), 21
_codes = itertools.count(1)


async def add_classes(sessions, count: int, *, children: int = 2) -> list[int]:
    """`count` classes, none due: each plan's post is due at 18:00 today and its nudge after that, and the
    week's highlights are posted on Friday."""
    plans = []
    async with sessions.begin() as session:
        for _ in range(count):
            number = next(_codes)
            group = ClassGroup(name=f"班{number}", platform="fake", chat_id=f"-900{number}", join_code=f"S{number:05d}",
                               timezone="UTC", language="zh", quiet_start=time(0, 0), quiet_end=time(0, 0),
                               created_at=NOW - timedelta(days=5))
            session.add(group)
            await session.flush()
            teacher = Person(display_name=f"老师{number}", language="zh", created_at=NOW)
            parents = [Person(display_name=f"家长{number}-{n}", language="zh", created_at=NOW) for n in range(children)]
            kids = [Student(class_id=group.id, name=f"学生{number}-{n}", status=StudentStatus.active, created_at=NOW)
                    for n in range(children)]
            session.add_all([teacher, *parents, *kids])
            await session.flush()
            session.add(Membership(class_id=group.id, person_id=teacher.id, role=Role.teacher, joined_at=NOW))
            for n, (parent, child) in enumerate(zip(parents, kids, strict=True)):
                session.add_all([Membership(class_id=group.id, person_id=parent.id, role=Role.parent, joined_at=NOW),
                                 Identity(person_id=parent.id, platform="fake", external_id=f"p{number}-{n}",
                                          private_chat_id=f"{number}{n}", reachable=True),
                                 Guardianship(student_id=child.id, person_id=parent.id, relation="妈妈",
                                              created_at=NOW)])
            # A bright spot of this week: its digest is on Friday, so every class has a week open and none due.
            session.add(Highlight(class_id=group.id, student_id=kids[0].id, week_start=date(2026, 11, 30),
                                  text="主动帮助同学", recorded_by=teacher.id, recorded_at=NOW))
            plan = HabitPlan(class_id=group.id, title="21天阅读", days=DAYS, start_date=START,
                             end_date=end_of(START, DAYS), remind_at=LATER_AT, evidence=Evidence.none, makeup_quota=2,
                             mode=PlanMode.required, created_at=NOW - timedelta(days=5))
            plans.append(plan)
            session.add(plan)
        await session.flush()
        await _schedule(session, [plan.id for plan in plans], due=False)
    return [plan.id for plan in plans]


async def make_due(sessions, plan_ids: list[int]) -> None:
    """These plans' post and nudge are due now; what earlier ticks queued is forgotten."""
    async with sessions.begin() as session:
        await _schedule(session, plan_ids, due=True)
        for model in (OutboxMedia, OutboxMessage, TallyEdit):
            await session.execute(delete(model))


async def _schedule(session, plan_ids: list[int], *, due: bool) -> None:
    today = NOW.date()
    post = moment(today, DUE_AT if due else LATER_AT, "UTC")
    await session.execute(update(HabitPlan).where(HabitPlan.id.in_(plan_ids)).values(
        next_post_at=post, next_nudge_at=NOW - timedelta(minutes=1) if due else post + timedelta(hours=2),
        next_stars_at=moment(date(2026, 12, 4), time(16, 0), "UTC"),
        next_certificates_at=moment(end_of(START, DAYS), time(0), "UTC"),
        next_summary_at=moment(end_of(START, DAYS) + timedelta(days=1), time(0), "UTC")))


class Statements:
    """Counts the statements the engine sends while in use."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _seen(self, *_args) -> None:
        self.count += 1

    def __enter__(self):
        event.listen(self.engine.sync_engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine.sync_engine, "before_cursor_execute", self._seen)
