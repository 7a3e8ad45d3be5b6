"""`classbridge demo`: a class in the middle of things, for the sandbox — a teacher, a class rep and 30 children
with their guardians (some two, one family in English), a 21-day reading plan on its tenth day with the
history a class would have by then (streaks, a make-up, missed days, a child at 10/10), a family plan, and
the daily posts the group has already had. It goes beside any class already in the store."""
from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.demo_highlights import add_demo_highlights
from bot.demo_homework import add_demo_homework
from bot.demo_notices import add_demo_notices
from bot.demo_polls import add_demo_polls
from bot.demo_signups import add_demo_signups
from bot.sandbox.clock import sandbox_now
from bot.settings import Settings
from handlers.core.clock import Clock
from handlers.core.messages import ChatRef
from handlers.core.outbox import enqueue
from handlers.core.pushes import Push
from handlers.habits.daily_post import checkin_buttons, daily_post_text, tally_key
from models import (
    ClassGroup,
    Guardianship,
    Identity,
    Membership,
    OutboxMessage,
    OutboxStatus,
    Person,
    Role,
    Student,
    StudentStatus,
)
from models.engine import make_engine, make_sessionmaker
from models.habit_rules import end_of
from models.habit_schedule import local_day, moment, next_digest, next_nudge, next_post, schedule_plan
from models.habits import Evidence, HabitCheckIn, HabitPlan, PlanMode

log = logging.getLogger(__name__)

PLATFORM = "telegram"  # the sandbox speaks the Bot API, so its people are Telegram identities
DEMO_GROUP_ID = "-1001000000001"  # the sandbox's starting group, while no class has taken it
OTHER_GROUP_IDS = [f"-10010000000{n:02d}" for n in range(2, 100)]
DEMO_CODE = "DEMO23"
TEACHER = (1001, "王老师", "teacher_wang")
REP = (1002, "李家委", "rep_li")
CHILDREN = [
    "王子涵", "李雨桐", "张浩然", "刘欣怡", "陈梓萱", "杨宇轩", "赵一诺", "黄俊熙", "周诗涵", "吴铭泽",
    "徐可馨", "孙嘉懿", "胡思远", "朱若汐", "高子墨", "林语嫣", "何沐阳", "郭芷若", "马天佑", "罗佳琪",
    "梁博文", "宋雨萱", "郑明轩", "谢依依", "韩睿哲", "唐心怡", "冯皓轩", "于梦瑶", "董宇航", "萧晨曦",
]
RELATIONS = ("妈妈", "爸爸", "奶奶", "外婆")
ENGLISH_FAMILY = 5  # 杨宇轩's mother writes in English
TWO_GUARDIANS = (2, 6, 12)  # a father as well
PLAN_TITLE, PLAN_DAY = "21天阅读打卡", 10
ALL_DAYS, MADE_UP, GAPS = 1, 2, 3  # children whose history shows a 10/10, a make-up, missed days
FAMILY_CHILD, FAMILY_TITLE = 4, "每天跳绳"


@dataclass
class Demo:
    class_group: ClassGroup
    plan: HabitPlan
    family_plan: HabitPlan
    posts: int  # daily posts already in the group


async def seed_demo(settings: Settings, clock: Clock | None = None) -> None:
    """Expects a migrated store (the CLI migrates first). Dates follow the sandbox's clock."""
    engine = make_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine).begin() as session:
            if await demo_exists(session):
                print("The demo class is already there.")
                return
            demo = await add_demo_class(session, settings.default_timezone, await sandbox_now(session, clock))
            await add_demo_homework(session, demo.class_group, await sandbox_now(session, clock))
    finally:
        await engine.dispose()
    print(f"Demo class seeded: {len(CHILDREN)} children, the plan {PLAN_TITLE} on day {PLAN_DAY}; "
          f"join code {DEMO_CODE}. {demo.posts} daily posts are in the group.")


async def demo_exists(session: AsyncSession) -> bool:
    return await session.scalar(select(ClassGroup.id).where(ClassGroup.join_code == DEMO_CODE)) is not None


async def _free_group(session: AsyncSession) -> str:
    taken = set((await session.scalars(select(ClassGroup.chat_id).where(ClassGroup.platform == PLATFORM))).all())
    return next(chat_id for chat_id in [DEMO_GROUP_ID, *OTHER_GROUP_IDS] if chat_id not in taken)


async def _person(session: AsyncSession, user_id: int, name: str, username: str | None, reachable: bool,
                  now: datetime, language: str = "zh") -> Person:
    """The person behind a sandbox user, created unless the store knows them (王老师 after a /setup)."""
    identity = await session.scalar(select(Identity).where(Identity.platform == PLATFORM,
                                                          Identity.external_id == str(user_id)))
    if identity is not None:
        return await session.get(Person, identity.person_id)
    person = Person(display_name=name, language=language, created_at=now)
    session.add(person)
    session.add(Identity(person=person, platform=PLATFORM, external_id=str(user_id), username=username,
                         private_chat_id=str(user_id) if reachable else None, reachable=reachable))
    await session.flush()
    return person


async def add_demo_class(session: AsyncSession, zone: str, now: datetime) -> Demo:
    chat_id = await _free_group(session)
    class_group = ClassGroup(name="三年级二班" if chat_id == DEMO_GROUP_ID else "三年级一班", platform=PLATFORM,
                             chat_id=chat_id, join_code=DEMO_CODE, timezone=zone, language="zh", created_at=now)
    session.add(class_group)
    await session.flush()
    teacher = await _person(session, *TEACHER, reachable=True, now=now)
    rep = await _person(session, *REP, reachable=True, now=now)
    session.add_all([
        Membership(class_id=class_group.id, person_id=teacher.id, role=Role.teacher, joined_at=now),
        Membership(class_id=class_group.id, person_id=rep.id, role=Role.rep, joined_at=now),
    ])
    families = await _add_families(session, class_group, rep, now)
    today = local_day(now, zone)
    plan = _plan(class_group, teacher, PLAN_TITLE, 21, today - timedelta(days=PLAN_DAY - 1), time(20, 0), now)
    family_child, (family_guardian, *_) = families[FAMILY_CHILD]
    family_plan = _plan(class_group, family_guardian, FAMILY_TITLE, 14, today - timedelta(days=3), time(19, 0), now,
                        student=family_child)
    session.add_all([plan, family_plan])
    await session.flush()
    rng = random.Random(23)  # the same history every time
    for index, (child, guardians) in enumerate(families):
        if guardians:
            _class_history(session, plan, class_group, index, child, guardians[0], today, now, rng)
    for offset in range(3):
        _check_in(session, family_plan, family_child, family_guardian, family_plan.start_date + timedelta(days=offset),
                  time(19, 30), zone, now)
    await session.flush()
    posts = await _sent_posts(session, plan, class_group, today, now, len(families))
    await add_demo_polls(session, class_group, now)  # an open named poll with votes
    await add_demo_notices(session, class_group, now)  # a notice half confirmed, a parent meeting to come
    await add_demo_highlights(session, class_group, now)  # three weeks posted, two children unseen
    await add_demo_signups(session, class_group, now)  # a 护学岗 list with free and full slots
    return Demo(class_group, plan, family_plan, posts)


async def _add_families(session: AsyncSession, class_group: ClassGroup, rep: Person,
                        now: datetime) -> list[tuple[Student, list[Person]]]:
    families = []
    for index, name in enumerate(CHILDREN):
        student = Student(class_id=class_group.id, name=name, number=f"{index + 1:02d}",
                          status=StudentStatus.active, created_at=now)
        session.add(student)
        await session.flush()
        guardians: list[tuple[Person, str]] = []
        if index == 0:
            guardians.append((rep, "妈妈"))  # the class rep is a parent too
        elif index % 10 != 9:  # a few families have not joined yet
            relation = RELATIONS[index % len(RELATIONS)]
            english = index == ENGLISH_FAMILY
            display = "Linda (Yuxuan's mum)" if english else f"{name}{relation}"
            # Every third family has not opened a private chat with the bot: no private reminders.
            guardians.append((await _person(session, 2000 + index, display, None, reachable=index % 3 != 0,
                                            now=now, language="en" if english else "zh"),
                              "mum" if english else relation))
            if index in TWO_GUARDIANS:
                guardians.append((await _person(session, 3000 + index, f"{name}爸爸", None, reachable=True,
                                                now=now), "爸爸"))
        for person, relation in guardians:
            if person is not rep:
                session.add(Membership(class_id=class_group.id, person_id=person.id, role=Role.parent,
                                       joined_at=now))
            session.add(Guardianship(student_id=student.id, person_id=person.id, relation=relation, created_at=now))
        families.append((student, [person for person, _ in guardians]))
    await session.flush()
    return families


def _plan(class_group: ClassGroup, creator: Person, title: str, days: int, start: date, remind: time,
          now: datetime, student: Student | None = None) -> HabitPlan:
    plan = HabitPlan(class_id=class_group.id, student_id=student.id if student else None, created_by=creator.id,
                     title=title, days=days, start_date=start, end_date=end_of(start, days), remind_at=remind,
                     evidence=Evidence.none, makeup_quota=2,
                     mode=PlanMode.optional if student else PlanMode.required,
                     created_at=moment(start - timedelta(days=1), time(18, 0), class_group.timezone))
    schedule_plan(plan, class_group)
    # Where a plan that had been running since its start would be now: what is due next is still to come.
    for attribute, advance in (("next_post_at", next_post), ("next_nudge_at", next_nudge),
                               ("next_stars_at", next_digest)):
        while (due := getattr(plan, attribute)) is not None and due <= now:
            setattr(plan, attribute, advance(plan, class_group, local_day(due, class_group.timezone)))
    return plan


def _check_in(session: AsyncSession, plan: HabitPlan, child: Student, by: Person, day: date, at: time, zone: str,
              now: datetime, makeup: bool = False) -> None:
    # A make-up is made the next evening and dated then; a check-in of this morning no later than now.
    when = moment(day + timedelta(days=1), at, zone) if makeup else min(moment(day, at, zone), now)
    session.add(HabitCheckIn(plan_id=plan.id, student_id=child.id, day=day, is_makeup=makeup,
                             checked_in_by=by.id, created_at=when))


def _class_history(session: AsyncSession, plan: HabitPlan, class_group: ClassGroup, index: int, child: Student,
                   by: Person, today: date, now: datetime, rng: random.Random) -> None:
    zone = class_group.timezone
    for offset in range(PLAN_DAY):
        day = plan.start_date + timedelta(days=offset)
        at = time(20, rng.randrange(2, 58))
        if day == today:
            # Today's evening has not come for everyone: the keen ones checked in this morning.
            if index == ALL_DAYS or index % 4 == 0:
                _check_in(session, plan, child, by, day, time(7, 30), zone, now)
            continue
        if index == MADE_UP and offset == 3:
            _check_in(session, plan, child, by, day, time(20, 40), zone, now, makeup=True)
            continue
        if index == GAPS and offset in (2, 6):
            continue
        keen = 0.9 if index % 3 else 0.7  # families the bot cannot remind privately forget more often
        if index in (ALL_DAYS, MADE_UP, GAPS) or rng.random() < keen:
            _check_in(session, plan, child, by, day, at, zone, now)


async def _sent_posts(session: AsyncSession, plan: HabitPlan, class_group: ClassGroup, today: date, now: datetime,
                      total: int) -> int:
    """Each day's post that has come, written through the outbox as the scheduler would and marked sent, with
    the count the group saw by the end of that day."""
    rows = (await session.execute(select(HabitCheckIn.day).where(HabitCheckIn.plan_id == plan.id,
                                                                  HabitCheckIn.is_makeup.is_(False)))).all()
    counts: dict[date, int] = {}
    for (day,) in rows:
        counts[day] = counts.get(day, 0) + 1
    posts, day = 0, plan.start_date
    while day <= today and (due_at := moment(day, plan.remind_at, class_group.timezone)) <= now:
        key = tally_key(plan, day)
        push = Push(dedup_key=key, kind="habit_daily", due_at=due_at, class_id=class_group.id,
                    target=ChatRef(PLATFORM, class_group.chat_id, False),
                    text=daily_post_text(plan, class_group, day, counts.get(day, 0), total),
                    buttons=checkin_buttons(plan, class_group.language), tally_key=key)
        await enqueue(session, push, due_at)
        row = await session.scalar(select(OutboxMessage).where(OutboxMessage.dedup_key == key))
        sent_at = due_at + timedelta(seconds=1)
        row.status, row.sent_at, row.finished_at, row.attempts = OutboxStatus.sent, sent_at, sent_at, 1
        posts += 1
        day += timedelta(days=1)
    return posts
