"""Every list a teacher sees has ⬇️ CSV / XLSX under it, and every download keeps one convention: the class's
name first, dates in ISO, CSV in UTF-8 with a BOM, the XLSX holding the same rows. Others get nothing."""
import csv
import io
import re
from datetime import date, datetime

from openpyxl import load_workbook

from handlers.core.messages import ButtonPress
from support.dialog import GROUP_ID
from support.habit_class import set_local
from support.homework_class import HomeworkScheduler, homework_class, send
from support.notice_class import FeatureWorker

MONDAY = date(2026, 11, 23)
BUTTON = "⬇️ CSV / XLSX"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")


async def class_with_lists(dialog, sessions, clock):
    teacher, _, parents = await homework_class(dialog)
    set_local(clock, MONDAY, "07:30")
    await teacher.group('/plan new "跳绳" start=today')
    await teacher.group('/hw new 口算 "每日10分钟口算打卡" due=20:00 repeat=daily')
    await HomeworkScheduler(dialog, sessions, clock).run()
    set_local(clock, MONDAY, "19:00")
    await parents["小明"].private("/checkin")
    await send(parents["小明"], "/submit", kinds=("photo",))
    await teacher.private("/highlight 小红 朗读比赛声音洪亮")
    await teacher.group('/poll "周五亲子活动去哪里？" 公园 | 博物馆')
    await parents["小刚"].private("投票 2")
    notices, events, signups = (FeatureWorker(dialog, sessions, clock, name)
                                for name in ("notices", "events", "signups"))
    await teacher.group('/notice "明天穿校服" ack')
    await parents["小明"].press(in_group(await notices.run(), "明天穿校服"), "✅ 收到")
    await teacher.group('/event "家长开放日" 11-23 19:30')
    await parents["小明"].press(in_group(await events.run(), "家长开放日"), "✅ 参加")
    await teacher.group("/event checkin 1")
    await parents["小明"].press(in_group(await events.run(), "签到开始"), "📍 签到")
    await teacher.group('/signup "护学岗" 周一护学岗 x2 | 周二护学岗 x1')
    await parents["小明"].press(in_group(await signups.run(), "护学岗"), "周一护学岗")
    return teacher, parents


def in_group(sent, words: str):
    [message] = [message for message in sent if message.chat.chat_id == GROUP_ID and words in message.text]
    return message


def xlsx_rows(media) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(media.data))
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


def csv_rows(media) -> list[list[str]]:
    assert media.data.startswith("\ufeff".encode())  # UTF-8 with a BOM: Excel reads the Chinese
    return list(csv.reader(io.StringIO(media.data.decode("utf-8-sig"))))


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() != datetime.min.time() \
            else value.date().isoformat()
    return str(value)


async def download(member, message):
    [answer] = await member.press(message, BUTTON)
    xlsx = [m for m in answer.reply.media if m.file_name.endswith(".xlsx")]
    csvs = [m for m in answer.reply.media if m.file_name.endswith(".csv")]
    assert len(xlsx) == 1 and csvs and all(m.kind == "document" for m in answer.reply.media)
    sheets = xlsx_rows(xlsx[0])
    assert len(sheets) == len(csvs)
    for (title, rows), text_file in zip(sheets.items(), csvs, strict=True):
        assert rows[0][0] == "班级" and all(row[0] == "三年级二班" for row in rows[1:]), title
        found = csv_rows(text_file)
        assert found == [[as_text(value) for value in row] for row in rows], title  # the same rows in both
        dates = [cell for row in found[1:] for cell in row if re.match(r"\d{4}-", cell)]
        assert all(ISO_DATE.fullmatch(cell) for cell in dates), title
    return answer, sheets


async def test_every_list_downloads_with_the_same_conventions(dialog, sessions, clock):
    teacher, _ = await class_with_lists(dialog, sessions, clock)
    roster = (await teacher.private("/roster"))[0]
    _, sheets = await download(teacher, roster)
    [rows] = sheets.values()
    assert rows[0] == ["班级", "学号", "姓名", "状态", "家长", "可接收私信"]
    assert sorted(row[2] for row in rows[1:]) == sorted(["小明", "小红", "小刚", "小丽"])
    assert ["三年级二班", None, "小明", "在册", "小明妈妈 (妈妈)", "是"] in rows
    [plan] = await teacher.private("/plan show 1")
    _, sheets = await download(teacher, plan)
    children, days = sheets.values()
    assert ["三年级二班", "小明", 1, 0, 5, "否"] in children
    assert days[1][:3] == ["三年级二班", 1, datetime(2026, 11, 23)]
    [status] = await teacher.private("/hw status")
    _, sheets = await download(teacher, status)
    [rows] = sheets.values()
    assert rows[0] == ["班级", "日期", "作业", "孩子", "状态", "迟交", "提交时间"]
    assert ["三年级二班", datetime(2026, 11, 23), "口算", "小明", "待批改", "否", datetime(2026, 11, 23, 19, 0)] in rows
    assert ["三年级二班", datetime(2026, 11, 23), "口算", "小红", "未交", None, None] in rows
    [report] = [m for m in await teacher.private("/hw report") if m.buttons]
    _, sheets = await download(teacher, report)
    assert list(sheets) == ["口算"] and len(sheets["口算"]) == 1 + 4
    [highlights] = await teacher.private("/highlight list")
    _, sheets = await download(teacher, highlights)
    [rows] = sheets.values()
    assert rows[1][:5] == ["三年级二班", datetime(2026, 11, 23), "小红", "朗读比赛声音洪亮", 0]
    [poll] = await teacher.private("/poll status 1")
    _, sheets = await download(teacher, poll)
    results, missing = sheets.values()
    assert results[1:] == [["三年级二班", "周五亲子活动去哪里？", 1, "公园", 0, 0],
                           ["三年级二班", "周五亲子活动去哪里？", 2, "博物馆", 1, 100]]
    assert sorted(row[2] for row in missing[1:]) == sorted(["小明妈妈", "小红妈妈", "小丽妈妈"])
    [notice] = await teacher.private("/notice status 1")
    _, sheets = await download(teacher, notice)
    [rows] = sheets.values()
    assert rows[0] == ["班级", "通知", "孩子", "家长", "已确认", "确认时间"]
    assert ["三年级二班", "明天穿校服", "小明", "小明妈妈", "是", datetime(2026, 11, 23, 19, 0)] in rows
    assert ["三年级二班", "明天穿校服", "小红", "小红妈妈", "否", None] in rows and len(rows) == 1 + 4
    [attendance] = [m for m in await teacher.private("/event status 1") if m.buttons]
    assert not attendance.reply.media  # the files come from the button, as every list's do
    answer, sheets = await download(teacher, attendance)
    assert sorted(m.file_name for m in answer.reply.media) == ["attendance-1.csv", "attendance-1.xlsx"]
    [rows] = sheets.values()
    assert rows[0] == ["班级", "孩子", "报名", "签到", "签到时间"]
    assert ["三年级二班", "小明", "参加", "已到", datetime(2026, 11, 23, 19, 0)] in rows
    assert ["三年级二班", "小红", "未回复", "未到", None] in rows and len(rows) == 1 + 4
    [points] = await teacher.private("/signup stats")
    _, sheets = await download(teacher, points)
    [rows] = sheets.values()
    assert rows[0] == ["班级", "家庭", "积分", "报名的岗位"]
    assert rows[1] == ["三年级二班", "小明", 1, "护学岗 · 周一护学岗"] and len(rows) == 1 + 4


async def test_a_parent_pressing_a_teachers_download_gets_nothing(dialog, sessions, clock):
    teacher, parents = await class_with_lists(dialog, sessions, clock)
    pressed = []
    for text in ("/roster", "/plan show 1", "/hw status", "/highlight list", "/notice status 1", "/event status 1",
                 "/signup stats"):
        [listing] = [m for m in await teacher.private(text) if m.buttons]
        [button] = [b for row in listing.buttons for b in row if b.text == BUTTON]
        pressed.append(button)
    for button in pressed:
        answers = await parents["小明"].send(parents["小明"].chat, button=ButtonPress(button.action, button.args))
        assert answers and not any(m.reply.media for m in answers), button.args
        assert "只有" in answers[0].text or "找不到" in answers[0].text, answers[0].text
    forged = await parents["小明"].send(parents["小明"].chat, button=ButtonPress("export", ("no-such-list", "1")))
    assert forged and not forged[0].reply.media
