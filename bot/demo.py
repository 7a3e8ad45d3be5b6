"""`classbridge demo`: a class to play with in the sandbox — a teacher, a class rep and 30 children with
their guardians, some of whom have already started the bot privately."""
from __future__ import annotations

import logging

from sqlalchemy import select

from bot.demo_polls import add_demo_polls
from bot.settings import Settings
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
from models.engine import make_engine, make_sessionmaker

log = logging.getLogger(__name__)

PLATFORM = "telegram"  # the sandbox speaks the Bot API, so its people are Telegram identities
DEMO_GROUP_ID = "-1001000000001"
DEMO_CODE = "DEMO23"
TEACHER = (1001, "王老师", "teacher_wang")
REP = (1002, "李家委", "rep_li")
CHILDREN = [
    "王子涵", "李雨桐", "张浩然", "刘欣怡", "陈梓萱", "杨宇轩", "赵一诺", "黄俊熙", "周诗涵", "吴铭泽",
    "徐可馨", "孙嘉懿", "胡思远", "朱若汐", "高子墨", "林语嫣", "何沐阳", "郭芷若", "马天佑", "罗佳琪",
    "梁博文", "宋雨萱", "郑明轩", "谢依依", "韩睿哲", "唐心怡", "冯皓轩", "于梦瑶", "董宇航", "萧晨曦",
]
RELATIONS = ("妈妈", "爸爸", "奶奶", "外婆")


async def seed_demo(settings: Settings) -> None:
    """Expects a migrated store (the CLI migrates first)."""
    engine = make_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine).begin() as session:
            if await session.scalar(select(ClassGroup).where(ClassGroup.join_code == DEMO_CODE)):
                print("The demo class is already there.")
                return
            await add_demo_class(session, settings)
    finally:
        await engine.dispose()
    print(f"Demo class seeded: {len(CHILDREN)} children; join code {DEMO_CODE}.")


def _person(session, user_id: int, name: str, username: str | None, reachable: bool, now) -> Person:
    person = Person(display_name=name, language="zh", created_at=now)
    session.add(person)
    session.add(Identity(person=person, platform=PLATFORM, external_id=str(user_id), username=username,
                         private_chat_id=str(user_id) if reachable else None, reachable=reachable))
    return person


async def add_demo_class(session, settings: Settings) -> ClassGroup:
    now = SystemClock().now()
    class_group = ClassGroup(name="三年级二班", platform=PLATFORM, chat_id=DEMO_GROUP_ID, join_code=DEMO_CODE,
                             timezone=settings.default_timezone, language="zh", created_at=now)
    session.add(class_group)
    await session.flush()
    teacher = _person(session, *TEACHER, reachable=True, now=now)
    rep = _person(session, *REP, reachable=True, now=now)
    await session.flush()
    session.add_all([
        Membership(class_id=class_group.id, person_id=teacher.id, role=Role.teacher, joined_at=now),
        Membership(class_id=class_group.id, person_id=rep.id, role=Role.rep, joined_at=now),
    ])
    for index, name in enumerate(CHILDREN):
        student = Student(class_id=class_group.id, name=name, number=f"{index + 1:02d}",
                          status=StudentStatus.active, created_at=now)
        session.add(student)
        await session.flush()
        if index == 0:
            guardian, relation = rep, "妈妈"  # the class rep is a parent too
        elif index % 10 == 9:
            continue  # a few families have not joined yet
        else:
            relation = RELATIONS[index % len(RELATIONS)]
            # Every third family has not opened a private chat with the bot: no private reminders.
            guardian = _person(session, 2000 + index, f"{name}{relation}", None, reachable=index % 3 != 0, now=now)
            await session.flush()
            session.add(Membership(class_id=class_group.id, person_id=guardian.id, role=Role.parent, joined_at=now))
        session.add(Guardianship(student_id=student.id, person_id=guardian.id, relation=relation, created_at=now))
    await add_demo_polls(session, class_group, now)
    return class_group
