"""Classes for the check-in bench, as a school's are: 40 children each, one family per child, everyone known
to the stand-in, and in every class a plan running today whose daily post is already due, so the bot's
scheduler posts it at start-up and every check-in then asks for its count to be edited, as on a real
evening."""
from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.demo import PLATFORM
from bot.runtime import Runtime
from bot.sandbox.world import World
from handlers.core.clock import SystemClock
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

FIRST_GROUP_ID = -1009000000001
TEACHER_ID = 900
CLASS_SIZE = 40


def parent_name(user_id: int) -> str:
    """The name each parent has on Telegram and in the store alike, as it is for real users."""
    return f"家长{user_id}"


def _person(session, user_id: int, name: str, now) -> Person:
    person = Person(display_name=name, language="zh", created_at=now)
    session.add_all([person, Identity(person=person, platform=PLATFORM, external_id=str(user_id),
                                      private_chat_id=str(user_id), reachable=True)])
    return person


async def seed_classes(runtime: Runtime, world: World, families: int, class_size: int = CLASS_SIZE
                       ) -> tuple[list[int], list[int]]:
    """Returns (the families' user ids, each with a private chat open; the classes' group chat ids)."""
    now = SystemClock().now()
    user_ids, group_ids = [], []
    async with runtime.sessions.begin() as session:
        if await session.scalar(select(ClassGroup.id).limit(1)):
            raise RuntimeError("the bench needs an empty store")
        teacher = _person(session, TEACHER_ID, "老师", now)
        for first in range(0, families, class_size):
            group_id = FIRST_GROUP_ID - len(group_ids)
            class_group = await _class(session, world, group_id, teacher, now)
            for n in range(first, min(first + class_size, families)):
                user_ids.append(await _family(session, world, class_group, 10_000 + n, now))
            group_ids.append(group_id)
    return user_ids, group_ids


async def _class(session, world: World, group_id: int, teacher: Person, now) -> ClassGroup:
    number = FIRST_GROUP_ID - group_id + 1
    # No quiet hours: the bench runs at any hour, and the post must go out now.
    class_group = ClassGroup(name=f"基准{number}班", platform=PLATFORM, chat_id=str(group_id),
                             join_code=f"BEN{number:03d}", timezone="Asia/Shanghai", language="zh", created_at=now,
                             quiet_start=time(0, 0), quiet_end=time(0, 0))
    session.add(class_group)
    await session.flush()
    session.add(Membership(class_id=class_group.id, person_id=teacher.id, role=Role.teacher, joined_at=now))
    world.add_group(class_group.name, chat_id=group_id)
    local = now.astimezone(ZoneInfo(class_group.timezone))
    start = local.date()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    due = max((local - timedelta(minutes=1)).replace(second=0, microsecond=0), midnight)  # a minute ago, today
    plan = HabitPlan(class_id=class_group.id, student_id=None, created_by=teacher.id, title="21天阅读",
                     days=21, start_date=start, end_date=end_of(start, 21), remind_at=due.time(),
                     evidence=Evidence.none, makeup_quota=2, mode=PlanMode.required, created_at=now)
    schedule_plan(plan, class_group)
    session.add(plan)
    return class_group


async def _family(session, world: World, class_group: ClassGroup, user_id: int, now) -> int:
    student = Student(class_id=class_group.id, name=f"学生{user_id}", status=StudentStatus.active, created_at=now)
    parent = _person(session, user_id, parent_name(user_id), now)
    session.add(student)
    await session.flush()
    session.add_all([Membership(class_id=class_group.id, person_id=parent.id, role=Role.parent, joined_at=now),
                     Guardianship(student_id=student.id, person_id=parent.id, relation="妈妈", created_at=now)])
    world.add_user(parent_name(user_id), user_id=user_id, started=True)
    return user_id
