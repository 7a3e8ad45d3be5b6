"""The sandbox's "⏩ next" stops at a scheduled notice, at its reminder a day after it went out, and at an
event's check-in closing, so a newcomer sees each of them happen."""
from datetime import date
from zoneinfo import ZoneInfo

from bot.sandbox.next_due import next_due
from support.habit_class import set_local
from support.notice_class import FeatureWorker, notice_class

BEIJING = ZoneInfo("Asia/Shanghai")


async def due_after(sessions, clock) -> str:
    async with sessions() as session:
        return (await next_due(session, clock.now())).astimezone(BEIJING).strftime("%m-%d %H:%M")


async def test_next_is_the_notice_then_its_reminder_then_the_check_in_closing(dialog, sessions, clock):
    teacher, _, _, _ = await notice_class(dialog)
    await teacher.private('/notice "明天穿校服" ack at=18:00')
    assert await due_after(sessions, clock) == "11-24 18:00"
    set_local(clock, date(2026, 11, 24), "18:00")
    await FeatureWorker(dialog, sessions, clock, "notices").run()
    assert await due_after(sessions, clock) == "11-25 18:00"
    await teacher.private('/event "家长会" 18:30')
    await FeatureWorker(dialog, sessions, clock, "events").run()
    await teacher.private("/event checkin 1")
    assert await due_after(sessions, clock) == "11-24 20:00"


async def test_next_stops_at_a_polls_deadline_and_at_each_moment_of_a_homework_day(dialog, sessions, clock):
    teacher, _, _, _ = await notice_class(dialog)
    set_local(clock, date(2026, 11, 24), "07:20")
    await teacher.group('/hw new 数学 "练习册第12页" due=11:30')
    await teacher.group('/poll "周五去哪里？" 公园 | 博物馆 until=09:00')
    assert await due_after(sessions, clock) == "11-24 09:00"  # the poll closes
    set_local(clock, date(2026, 11, 24), "09:00")
    assert await due_after(sessions, clock) == "11-24 09:30"  # the group count, two hours before due
    set_local(clock, date(2026, 11, 24), "09:30")
    assert await due_after(sessions, clock) == "11-24 10:30"  # the nudge to the missing, an hour before
    set_local(clock, date(2026, 11, 24), "10:30")
    assert await due_after(sessions, clock) == "11-24 11:30"  # the teacher's summary at the due time
