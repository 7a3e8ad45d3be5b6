"""/settings report=fri 17:00: off by default; then the week's report privately to the teacher every Friday
at 17:00, once a week (a second tick, a restart or a changed time send nothing twice), after quiet hours."""
from datetime import date, time, timedelta

from sqlalchemy import select

from models.reports import ReportSchedule
from support.habit_class import set_local
from support.homework_class import homework_class, outbox_rows, set_quiet_hours
from support.scheduling import FeatureScheduler

MONDAY = date(2026, 11, 23)
FRIDAY = MONDAY + timedelta(days=4)


class ReportScheduler(FeatureScheduler):
    def __init__(self, dialog, sessions, clock):
        from handlers.reports.manifest import FEATURE

        super().__init__(dialog, sessions, clock, FEATURE)


async def teacher_week(dialog, clock):
    teacher, _, parents = await homework_class(dialog)
    set_local(clock, MONDAY, "08:00")
    await teacher.group('/plan new "跳绳" start=today')
    return teacher, parents


def reports_to(teacher):
    return [m for m in teacher.inbox if m.reply.text.startswith("📊")]


async def test_off_by_default_then_every_friday_privately_once(dialog, sessions, clock):
    teacher, parents = await teacher_week(dialog, clock)
    scheduler = ReportScheduler(dialog, sessions, clock)
    [shown] = await teacher.private("/settings")
    assert "每周报告：关" in shown.text
    set_local(clock, FRIDAY, "17:05")
    assert await scheduler.run() == []  # nothing is sent while it is off
    set_local(clock, MONDAY + timedelta(days=1), "08:00")
    [changed] = await teacher.private("/settings report=fri 17:00")
    assert "✅" in changed.text and "每周报告：周五 17:00" in changed.text
    assert any(line.startswith("每周报告：") for line in changed.text.split("\n"))  # a line of its own
    set_local(clock, FRIDAY, "16:59")
    assert await scheduler.run() == []
    set_local(clock, FRIDAY, "17:00")
    [sent] = await scheduler.run()
    assert sent.chat == teacher.chat and sent.reply.text.startswith("📊 <b>三年级二班</b> 周报 · 11月23日–11月29日")
    assert [m.kind for m in sent.reply.media] == ["photo", "document"]
    assert "每个孩子的明细见下面的表格。" in sent.reply.text
    # Another tick, a restarted scheduler, and a later time the same Friday: nothing more this week.
    assert await scheduler.run() == []
    restarted = ReportScheduler(dialog, sessions, clock)
    assert await restarted.run() == []
    await teacher.private("/settings report=fri 18:00")
    set_local(clock, FRIDAY, "18:30")
    assert await restarted.run() == []
    set_local(clock, FRIDAY + timedelta(days=7), "18:00")
    [next_week] = await restarted.run()
    assert next_week.reply.text.startswith("📊 <b>三年级二班</b> 周报 · 11月30日–12月6日")
    assert len(reports_to(teacher)) == 2
    for parent in parents.values():
        assert not [m for m in parent.inbox if m.reply.text.startswith("📊")]  # teachers only


async def test_a_report_due_in_quiet_hours_waits_for_their_end(dialog, sessions, clock):
    teacher, _ = await teacher_week(dialog, clock)
    scheduler = ReportScheduler(dialog, sessions, clock)
    await teacher.private("/settings report=fri 22:00")
    await set_quiet_hours(sessions, time(21, 30), time(7, 0))
    set_local(clock, FRIDAY, "22:00")
    assert await scheduler.run() == []
    [row] = await outbox_rows(sessions, "report_week")
    set_local(clock, FRIDAY + timedelta(days=1), "07:00")
    [sent] = await scheduler.run()
    assert sent.reply.text.startswith("📊") and row.due_at < row.not_before


async def test_off_and_bad_values_are_answered_and_change_nothing(dialog, sessions, clock):
    teacher, parents = await teacher_week(dialog, clock)
    await teacher.private("/settings report=fri 17:00")
    for text, answer in (("/settings report=fri", "report=fri 17:00"), ("/settings report=someday 17:00", "someday"),
                         ("/settings report=fri 25:00", "25:00")):
        [refused] = await teacher.private(text)
        assert answer in refused.text, text
    async with sessions() as session:
        [schedule] = (await session.scalars(select(ReportSchedule))).all()
        assert (schedule.weekday, schedule.at) == (4, time(17, 0))
    [refused] = await parents["小明"].private("/settings report=fri 17:00")
    assert "只有老师可以使用" in refused.text
    [off] = await teacher.private("/settings report=off")
    assert "每周报告：关" in off.text
    async with sessions() as session:
        assert (await session.scalars(select(ReportSchedule))).all() == []
