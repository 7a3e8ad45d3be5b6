"""`classbridge demo` on a store that already has classes: it adds its own class, on its tenth plan day, with a
history that reads like one, and the scheduler carries on from there without repeating what was sent."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.demo import CHILDREN, DEMO_GROUP_ID, TEACHER, add_demo_class, seed_demo
from bot.fake import FakeMessenger
from bot.outbox_worker import OutboxWorker
from bot.settings import Settings
from handlers.core.clock import FixedClock
from handlers.habits.checkin_records import records_of
from models import ClassGroup, Guardianship, Identity, Membership, OutboxMessage, OutboxStatus, Person, Role, Student
from models.habit_rules import current_streak, kept_count
from models.habits import HabitPlan
from schedules.providers import load_providers
from schedules.tick import tick

BEIJING = ZoneInfo("Asia/Shanghai")
MORNING = datetime(2026, 11, 24, 9, 0, tzinfo=BEIJING)


async def a_class_set_up_in_the_sandbox_group(sessions) -> ClassGroup:
    """What 王老师's /setup in the sandbox's group leaves in the store."""
    async with sessions.begin() as session:
        teacher = Person(display_name=TEACHER[1], language="zh", created_at=MORNING)
        session.add(teacher)
        session.add(Identity(person=teacher, platform="telegram", external_id=str(TEACHER[0]), username=TEACHER[2],
                             private_chat_id=str(TEACHER[0]), reachable=True))
        group = ClassGroup(name="三年级二班", platform="telegram", chat_id=DEMO_GROUP_ID, join_code="ABC234",
                           timezone="Asia/Shanghai", language="zh", created_at=MORNING)
        session.add(group)
        await session.flush()
        session.add(Membership(class_id=group.id, person_id=teacher.id, role=Role.teacher, joined_at=MORNING))
        return group


async def test_the_demo_goes_beside_a_class_the_teacher_already_set_up(sessions):
    existing = await a_class_set_up_in_the_sandbox_group(sessions)
    async with sessions.begin() as session:
        demo = await add_demo_class(session, "Asia/Shanghai", MORNING)
    async with sessions() as session:
        classes = (await session.scalars(select(ClassGroup).order_by(ClassGroup.id))).all()
        assert [c.chat_id for c in classes] == [DEMO_GROUP_ID, demo.class_group.chat_id]
        assert demo.class_group.chat_id != existing.chat_id
        # The same 王老师 teaches both classes: one person, one Telegram identity.
        assert await session.scalar(select(func.count()).select_from(Identity).where(
            Identity.external_id == str(TEACHER[0]))) == 1
        teachers = (await session.scalars(select(Membership.class_id).where(Membership.role == Role.teacher))).all()
        assert sorted(teachers) == [existing.id, demo.class_group.id]
        children = await session.scalar(select(func.count()).select_from(Student).where(
            Student.class_id == demo.class_group.id))
        assert children == len(CHILDREN)
        guardians = (await session.execute(select(Guardianship.student_id, func.count()).group_by(
            Guardianship.student_id))).all()
        assert any(count == 2 for _, count in guardians)
        languages = (await session.scalars(select(Person.language))).all()
        assert "en" in languages


async def test_the_demo_plan_is_on_its_tenth_day_with_a_history(sessions):
    async with sessions.begin() as session:
        demo = await add_demo_class(session, "Asia/Shanghai", MORNING)
    today = MORNING.date()
    async with sessions() as session:
        plan = await session.get(HabitPlan, demo.plan.id)
        assert (today - plan.start_date).days + 1 == 10 and plan.days == 21
        records = await records_of(session, plan)
        kept = {child: kept_count(plan.start_date, plan.days, r.on_time, r.makeups) for child, r in records.items()}
        assert 10 in kept.values()  # one child has every day so far, today's included
        assert any(r.makeups for r in records.values())
        assert any(0 < k < 9 for k in kept.values())  # and some missed days
        assert max(current_streak(today, r.on_time, r.makeups) for r in records.values()) == 10
        family = await session.get(HabitPlan, demo.family_plan.id)
        assert family.student_id is not None
        sent = (await session.scalars(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.sent)
                                      .order_by(OutboxMessage.sent_at))).all()
    assert [row.text.split(" · ")[0] for row in sent] == [f"📅 21天阅读打卡 第{d}/21天" for d in range(1, 10)]
    assert all(row.chat_id == demo.class_group.chat_id for row in sent)
    assert "今日已打卡" in sent[0].text and sent[0].text.endswith("/30")

    # The scheduler carries on: nothing of days 1–9 again, and tonight's post for day 10 (beside the open
    # poll the demo has just asked, which goes out with the first pass).
    load_providers()
    messenger, clock = FakeMessenger(), FixedClock(MORNING + timedelta(minutes=1))
    worker = OutboxWorker(sessions, {"telegram": messenger}, clock)
    for now in (clock.now(), datetime(2026, 11, 24, 20, 0, tzinfo=BEIJING)):
        clock.set(now)
        await tick(sessions, now)
        await worker.run_once()
    posts = [m.text.split(" · ")[0] for m in messenger.in_chat(demo.class_group.chat_id) if m.text.startswith("📅")]
    assert posts == ["📅 21天阅读打卡 第10/21天"]


async def test_classbridge_demo_twice_seeds_once(database_url, capsys):
    settings = Settings(database_url=database_url)
    await seed_demo(settings)
    await seed_demo(settings)
    output = capsys.readouterr().out
    assert "day 10" in output and "already there" in output
