"""Two weeks of a weekday 口算 card for a class of four, through the dispatcher, the providers and the delivery
worker: albums, text and voice, a replacement, a late one, a missing child, score reviews and a redo, the
group's counts and their edits, nudges only to the missing and never in quiet hours, the teacher's summary,
and the report's charts and XLSX."""
import io
import re
from datetime import date, time, timedelta

from openpyxl import load_workbook

from models.quiet_hours import in_quiet_hours
from support.dialog import GROUP_ID
from support.habit_class import BEIJING, set_local
from support.homework_class import HomeworkScheduler, homework_class, send, versions

FIRST = date(2026, 11, 24)  # a Tuesday
CLASS_DAYS = [FIRST + timedelta(days=n) for n in range(14) if (FIRST + timedelta(days=n)).weekday() < 5]
MISSING_DAY, LATE_DAY, QUIET_DAY, REDO_DAY, REPLACED_DAY = 3, 5, 6, 2, 1


def score(child: str, index: int) -> int:
    """小明 climbs from 60 to 92 over the ten days; the others stay about level."""
    return {"小明": 60 + round(32 * index / 9), "小红": 85 + index % 3, "小刚": 75, "小丽": 70}[child]


class Journey:
    def __init__(self, dialog, clock, scheduler):
        self.dialog, self.clock, self.scheduler = dialog, clock, scheduler
        self.pushed = []  # (local time, message) of everything the scheduler sent or edited

    async def at(self, day: date, clock_time: str):
        set_local(self.clock, day, clock_time)
        got = await self.scheduler.run()
        self.pushed += [(self.clock.now().astimezone(BEIJING), message) for message in got]
        return got


async def review_all(teacher, index: int, redo: str | None = None):
    """/review, then a score for each child shown (or 🔁 for `redo`), until all is reviewed."""
    replies = await teacher.private("/review")
    while True:
        item = [m for m in replies if m.chat == teacher.chat][-1]
        if "都批改完了" in item.text:
            return
        child = re.search(r"<b>(.+?)</b>", item.text).group(1)
        if child == redo:
            replies = await teacher.press(item, "🔁")
            redo = None
        else:
            replies = await teacher.private(str(score(child, index)))


async def test_two_weeks_of_a_weekday_card(dialog, sessions, clock):
    teacher, _, parents = await homework_class(dialog)
    set_local(clock, FIRST, "08:00")
    await teacher.private('/hw new 口算 "每日10分钟口算打卡" due=20:00 repeat=weekdays until=2026-12-07 grading=score')
    journey = Journey(dialog, clock, HomeworkScheduler(dialog, sessions, clock))
    counts = []
    for index, day in enumerate(CLASS_DAYS):
        before = len(dialog.messenger.in_chat(GROUP_ID))
        await journey.at(day, "08:00" if index == 0 else "07:00")
        [card] = dialog.messenger.in_chat(GROUP_ID)[before:]
        assert f"11月{day.day}日" in card.text or f"12月{day.day}日" in card.text
        assert "已交 0/4" in card.text
        if index == QUIET_DAY:
            await teacher.private("/settings quiet=18:30-07:00")
        mum = parents["小明"]
        if index == 0:  # by the card's 📤 link, then an album of two photos
            [asked] = await mum.private("/start " + card.buttons[0][0].url.split("start=")[1])
            assert "请发送 小明 的口算作业" in asked.text
            await send(mum, kinds=("photo",), media_group=f"album-{index}")
        else:
            await send(mum, "/submit", kinds=("photo",), media_group=f"album-{index}")
        assert await send(mum, kinds=("photo",), media_group=f"album-{index}") == []
        await send(parents["小红"], f"/submit 第{index + 1}天 20题全对", kinds=())
        if index == REPLACED_DAY:
            [replaced] = await send(parents["小红"], "/submit 改了第3题", kinds=())
            assert "第2版，替换了上一版" in replaced.text
        await send(parents["小刚"], "/submit", kinds=("voice",))
        [count] = [m for m in await journey.at(day, "18:00") if m.text.startswith("📚 口算打卡")]
        assert count.text == "📚 口算打卡 已交 3/4"
        counts.append(count)
        await journey.at(day, "19:00")
        if index not in (MISSING_DAY, LATE_DAY):
            set_local(clock, day, "19:30")
            await send(parents["小丽"], "/submit", kinds=("photo",))
            await journey.at(day, "19:35")
            await journey.at(day, "19:35:05")  # the group's edits are spaced by 3 s: the card's, then the count's
            assert count.text == "📚 口算打卡 已交 4/4"  # the count was edited, still without names
        summaries = [m for m in await journey.at(day, "20:00") if m.chat == teacher.chat]
        if index == QUIET_DAY:
            assert summaries == []  # held for the morning, like every push in quiet hours
        else:
            [summary] = summaries
            assert summary.text.startswith(f"📋 口算 {day.month}月{day.day}日 已截止")
            assert ("未交：小丽" in summary.text) == (index in (MISSING_DAY, LATE_DAY))
        if index == LATE_DAY:
            set_local(clock, day, "20:30")
            [late] = await send(parents["小丽"], "/submit", kinds=("photo",))
            assert "记为迟交" in late.text
        if index == QUIET_DAY:
            await teacher.private("/settings quiet=21:30-07:00")
        set_local(clock, day, "21:00")
        await review_all(teacher, index, redo="小刚" if index == REDO_DAY else None)
        if index == REDO_DAY:
            told = [m for m in dialog.messenger.in_chat(parents["小刚"].external_id) if "重做" in m.text]
            assert told and "请 小刚 重做" in told[-1].text
            set_local(clock, day, "21:10")
            [again] = await send(parents["小刚"], "/submit 重做了", kinds=("voice",))
            assert "第2版" in again.text and "迟交" in again.text
            await review_all(teacher, index)
        await journey.at(day, "21:20")
        if day.weekday() == 4:  # the weekend opens nothing
            for weekend in (day + timedelta(days=1), day + timedelta(days=2)):
                assert [m for m in await journey.at(weekend, "07:00") if m.chat.chat_id == GROUP_ID] == []

    # The weekend opened nothing: ten cards in two weeks.
    group = dialog.messenger.in_chat(GROUP_ID)
    assert len([m for m in group if m.text.startswith("📚 <b>口算</b>")]) == 10 == len(counts)
    # The group saw counts, never a name, a grade or who is missing.
    for message in group:
        assert not any(name in message.text for name in parents) and "⭐" not in message.text
        assert not re.search(r"\b(6\d|7\d|8\d|9\d)\b", message.text.replace("已交", ""))
    # Nudges went to the missing child's family only, at 19:00, never in quiet hours (and not on the quiet day).
    nudges = [(at, m) for at, m in journey.pushed if m.text.startswith("⏰")]
    assert {m.chat.chat_id for _, m in nudges} == {parents["小丽"].external_id}
    assert [at.date() for at, _ in nudges] == [d for i, d in enumerate(CLASS_DAYS) if i != QUIET_DAY]
    assert all(at.time() == time(19, 0) and not in_quiet_hours(at.time(), time(21, 30), time(7, 0))
               for at, _ in nudges)
    # The teacher had every day's summary, the quiet day's the next morning.
    summaries = [(at, m) for at, m in journey.pushed if m.text.startswith("📋")]
    assert len(summaries) == 10
    assert [(at.date(), at.time()) for at, m in summaries if "12月2日" in m.text] == [(date(2026, 12, 3), time(7))]
    assert not [at for at, m in journey.pushed if in_quiet_hours(at.time(), time(21, 30), time(7, 0))
                and m.chat.is_private]
    # Every family heard its own grades privately, and only its own.
    for child, parent in parents.items():
        grades = [m.text for m in parent.inbox if m.text.startswith("📝")]
        assert grades and all(f" {child} " in text for text in grades)
    assert len([v for v in await versions(sessions)]) == 40 - 1 + 2  # one missing; a replacement and a redo

    set_local(clock, CLASS_DAYS[-1], "21:30")
    [report] = await teacher.private("/hw report")
    assert "小明：交 10/10 天 · 准时 100% · 60 → 92" in report.text
    assert "小丽：交 9/10 天 · 准时 80%" in report.text
    photos = [m for m in report.reply.media if m.kind == "photo"]
    assert len(photos) == 5 and all(p.data.startswith(b"\x89PNG") for p in photos)
    [sheet] = [m for m in report.reply.media if m.kind == "document"]
    book = load_workbook(io.BytesIO(sheet.data))
    sent, grades = book.worksheets
    rows = [[cell.value for cell in row] for row in sent.iter_rows(min_row=2)]
    assert len(rows) == 40
    by = {(row[0].date(), row[1]): row for row in rows}
    assert by[(CLASS_DAYS[MISSING_DAY], "小丽")][5] == "未交"
    assert by[(CLASS_DAYS[LATE_DAY], "小丽")][4] == "是"
    assert by[(CLASS_DAYS[REDO_DAY], "小刚")][2] == 2 and by[(CLASS_DAYS[REDO_DAY], "小刚")][6] == 75
    assert by[(CLASS_DAYS[REPLACED_DAY], "小红")][2] == 2
    table = {row[0].value: [cell.value for cell in row[1:]] for row in grades.iter_rows(min_row=2)}
    trend = table["小明"]
    assert trend[0] == 60 and trend[-1] == 92 and trend == sorted(trend)
