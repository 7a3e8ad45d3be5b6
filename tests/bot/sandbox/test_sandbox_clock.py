"""The sandbox's clock: it only moves forward, keeps its time across a restart, finds the next moment something
is due, and a jump brings what fell due on the way into the chats, each at its moment."""
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.fake import FakeMessenger, FakePlatform
from bot.outbox_worker import OutboxWorker
from bot.sandbox.clock import SandboxClock
from bot.sandbox.next_due import next_due
from bot.sandbox.time_travel import TimeTravel
from handlers.core.context import Defaults
from handlers.core.dispatcher import Dispatcher
from handlers.core.messages import ChatRef
from handlers.core.scheduled_messages import schedule_message
from support.dialog import GROUP_ID, Dialog
from support.habit_class import class_with_families
from support.outbox import add_class

BEIJING = ZoneInfo("Asia/Shanghai")


def local(moment: datetime) -> str:
    return moment.astimezone(BEIJING).strftime("%m-%d %H:%M")


def test_the_clock_moves_only_forward(clock):
    sandbox = SandboxClock(clock)
    start = sandbox.now()
    assert sandbox.move_to(start + timedelta(days=1))
    assert not sandbox.move_to(start)  # back to where it was: refused
    assert sandbox.now() == start + timedelta(days=1)
    clock.advance(minutes=5)  # real time goes on under it
    assert sandbox.now() == start + timedelta(days=1, minutes=5)


async def test_a_restarted_sandbox_is_still_on_the_day_it_had_reached(sessions, clock):
    sandbox = SandboxClock(clock)
    sandbox.move_to(sandbox.now() + timedelta(days=3, hours=2))
    await sandbox.save(sessions)
    sandbox.move_to(sandbox.now() + timedelta(days=1))
    await sandbox.save(sessions)  # saved twice: one row, the newer offset
    restarted = SandboxClock(clock)
    await restarted.load(sessions)
    assert restarted.now() == clock.now() + timedelta(days=4, hours=2)


@pytest.fixture
def sandbox(clock):
    return SandboxClock(clock)


@pytest.fixture
def sandbox_dialog(sessions, sandbox) -> Dialog:
    """A class whose handlers, like the sandbox's, take their time from the sandbox's clock."""
    platform = FakePlatform()
    return Dialog(Dispatcher(sessions=sessions, clock=sandbox, platform=platform, defaults=Defaults()),
                  FakeMessenger(), platform)


def travel(sessions, sandbox, dialog) -> TimeTravel:
    return TimeTravel(sandbox, sessions, lambda: OutboxWorker(sessions, {"fake": dialog.messenger}, sandbox))


async def test_next_due_is_the_earliest_moment_still_to_come(sessions, sandbox, sandbox_dialog):
    teacher, _code, _parents = await class_with_families(sandbox_dialog)
    await teacher.group('/plan new "每天阅读"')  # from tomorrow, Wednesday, at 20:00
    async with sessions() as session:
        assert local(await next_due(session, sandbox.now())) == "11-25 20:00"
        # Moments that have passed are not "next": after the first post comes the nudge before quiet hours.
        assert local(await next_due(session, datetime(2026, 11, 25, 20, 0, tzinfo=BEIJING))) == "11-25 21:20"


async def test_a_message_held_past_quiet_hours_is_due_when_they_end(sessions, sandbox, sandbox_dialog):
    class_id = await add_class(sessions, chat_id="-1009")
    late = datetime(2026, 11, 24, 23, 0, tzinfo=BEIJING)
    async with sessions.begin() as session:
        await schedule_message(session, class_id=class_id, to=ChatRef("fake", "-1009", False), text="📢 明天春游",
                               at=late, now=sandbox.now())
    time_travel = travel(sessions, sandbox, sandbox_dialog)
    assert local(await time_travel.next_due()) == "11-24 23:00"
    await time_travel.jump("next")
    assert local(sandbox.now()) == "11-24 23:00"
    assert sandbox_dialog.messenger.in_chat("-1009") == []  # quiet hours: it waits
    assert local(await time_travel.next_due()) == "11-25 07:00"
    await time_travel.jump("next")
    assert [m.text for m in sandbox_dialog.messenger.in_chat("-1009")] == ["📢 明天春游"]


async def test_a_day_on_brings_each_moment_of_it_in_turn(sessions, sandbox, sandbox_dialog):
    teacher, _code, parents = await class_with_families(sandbox_dialog)
    await teacher.group('/plan new "每天阅读" start=today')  # Tuesday is day 1
    time_travel = travel(sessions, sandbox, sandbox_dialog)
    jump = await time_travel.jump("next")
    assert local(sandbox.now()).startswith("11-24 20:00") and jump.moments == 1
    [post] = sandbox_dialog.messenger.in_chat(GROUP_ID)[-1:]
    assert post.text == "📅 每天阅读 第1/21天 · 今日已打卡 0/3"
    await parents["小明"].private("/checkin")
    await parents["小红"].private("/checkin")

    jump = await time_travel.jump("day")  # to Wednesday 20:00, through Tuesday's nudge and Wednesday's post
    assert jump.moved and sandbox.now().astimezone(BEIJING).date() == date(2026, 11, 25)
    [nudge] = [m for m in parents["小刚"].inbox if m.text.startswith("🌙")]
    assert "第1/21天" in nudge.text
    assert not any(m.text.startswith("🌙") for m in parents["小明"].inbox + parents["小红"].inbox)
    posts = [m for m in sandbox_dialog.messenger.in_chat(GROUP_ID) if m.text.startswith("📅")]
    assert [m.text for m in posts] == ["📅 每天阅读 第1/21天 · 今日已打卡 2/3", "📅 每天阅读 第2/21天 · 今日已打卡 0/3"]


async def test_next_with_nothing_scheduled_leaves_the_clock_alone(sessions, sandbox, sandbox_dialog):
    time_travel = travel(sessions, sandbox, sandbox_dialog)
    before = sandbox.now()
    jump = await time_travel.jump("next")
    assert not jump.moved and sandbox.now() == before
    assert (await time_travel.jump("hour")).now == before + timedelta(hours=1)


def test_the_sandbox_runs_on_the_sandbox_clock_and_a_real_platform_on_real_time(tmp_path):
    from bot.runtime import build_runtime
    from bot.settings import Settings

    database = f"sqlite+aiosqlite:///{tmp_path}/x.db"
    assert isinstance(build_runtime(Settings(database_url=database)).clock, SandboxClock)
    on_telegram = build_runtime(Settings(database_url=database, telegram_bot_token="1:x"))
    assert not isinstance(on_telegram.clock, SandboxClock)
    assert abs(on_telegram.clock.now() - datetime.now(UTC)) < timedelta(minutes=1)
