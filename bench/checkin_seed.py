"""A class for the check-in bench: one family per child, everyone known to the stand-in, a plan running today
whose daily post is already due, so the bot's scheduler posts it at start-up and every check-in then asks
for its count to be edited, as on a real evening."""
from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.demo import PLATFORM
from bot.runtime import Runtime
from bot.sandbox.world import World
from handlers.clock import SystemClock
from models import (
    ClassGroup,
    Guardianship,
    Identity,
    Membership,
    Person,
    Role,
    Student,
    StudentStatus,
)
from models.habit_rules import end_of
from models.habit_schedule import schedule_plan
from models.habits import Evidence, HabitPlan, PlanMode

GROUP_ID = "-1009000000001"
TEACHER_ID = 900


def parent_name(user_id: int) -> str:
    """The name each parent has on Telegram and in the store alike, as it is for real users."""
    return f"家长{user_id}"


def _person(session, user_id: int, name: str, now) -> Person:
    person = Person(display_name=name, language="zh", created_at=now)
    session.add_all([person, Identity(person=person, platform=PLATFORM, external_id=str(user_id),
                                      private_chat_id=str(user_id), reachable=True)])
    return person


async def seed_class(runtime: Runtime, world: World, families: int) -> list[int]:
    """Returns the families' user ids, each already in the stand-in with a private chat open."""
    now = SystemClock().now()
    async with runtime.sessions.begin() as session:
        if await session.scalar(select(ClassGroup.id).where(ClassGroup.chat_id == GROUP_ID)):
            raise RuntimeError("the bench needs an empty store")
        # No quiet hours: the bench runs at any hour, and the post must go out now.
        class_group = ClassGroup(name="基准班", platform=PLATFORM, chat_id=GROUP_ID, join_code="BENCH1",
                                 timezone="Asia/Shanghai", language="zh", created_at=now,
                                 quiet_start=time(0, 0), quiet_end=time(0, 0))
        session.add(class_group)
        await session.flush()
        teacher = _person(session, TEACHER_ID, "老师", now)
        await session.flush()
        session.add(Membership(class_id=class_group.id, person_id=teacher.id, role=Role.teacher, joined_at=now))
        user_ids = []
        for n in range(families):
            user_id = 10_000 + n
            student = Student(class_id=class_group.id, name=f"学生{n:04d}", status=StudentStatus.active, created_at=now)
            parent = _person(session, user_id, parent_name(user_id), now)
            session.add(student)
            await session.flush()
            session.add_all([Membership(class_id=class_group.id, person_id=parent.id, role=Role.parent, joined_at=now),
                             Guardianship(student_id=student.id, person_id=parent.id, relation="妈妈", created_at=now)])
            user_ids.append(user_id)
            world.add_user(parent_name(user_id), user_id=user_id, started=True)
        world.add_group(class_group.name, chat_id=int(GROUP_ID))
        local = now.astimezone(ZoneInfo(class_group.timezone))
        start = local.date()
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        due = max((local - timedelta(minutes=1)).replace(second=0, microsecond=0), midnight)  # a minute ago, today
        plan = HabitPlan(class_id=class_group.id, student_id=None, created_by=teacher.id, title="21天阅读",
                         days=21, start_date=start, end_date=end_of(start, 21), remind_at=due.time(),
                         evidence=Evidence.none, makeup_quota=2, mode=PlanMode.required, created_at=now)
        schedule_plan(plan, class_group)
        session.add(plan)
    return user_ids
