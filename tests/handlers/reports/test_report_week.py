"""/report week: a class week with every feature in use (a habit plan, a daily homework card, highlights, a
poll, a notice asking for ✅ 收到, an event with its RSVPs and check-in, a sign-up list), the message's figures
against a plain computation over the rows, the XLSX sheet by sheet and cell by cell, the overview chart; a rep
gets no per-child rows, parents and the group get nothing; bad input."""
import io
from datetime import date, datetime, timedelta

from openpyxl import load_workbook
from PIL import Image

from handlers.core import charts
from support.dialog import GROUP_ID
from support.habit_class import set_local
from support.homework_class import HomeworkScheduler, homework_class, send
from support.notice_class import FeatureWorker
from support.report_week import read, reference

MONDAY = date(2026, 11, 23)
WEDNESDAY = MONDAY + timedelta(days=2)
CHECKINS = (("小明", "小红"), ("小明", "小红", "小刚"), ("小明",))  # Monday to Wednesday
ON_TIME = (("小明",), ("小明",), ("小明", "小红", "小刚"))
LATE = (("小红",), (), ())


def posted(sent, words: str):
    """The one message the worker just sent to the group with `words` in it (others may go out with it)."""
    [message] = [message for message in sent if message.chat.chat_id == GROUP_ID and words in message.text]
    return message


async def class_week(dialog, sessions, clock):
    """Monday to Wednesday of a class of four: 小刚 praised the week before, 小明 and 小红 this week; 小红妈妈
    is the rep. A sign-up list filled on Monday (小明, 小刚, 小丽), a notice on Tuesday confirmed by two
    families (小明, 小刚), an open day on Wednesday: 小明 and 小红 going, 小刚 not, 小明 checked in.
    Returns (teacher, rep, parents) with the clock on Wednesday evening."""
    teacher, _, parents = await homework_class(dialog)
    rep = parents["小红"]
    rep.username = "hongmum"
    await rep.private("/help")
    await teacher.private("/role @hongmum rep")
    set_local(clock, MONDAY - timedelta(days=5), "10:00")
    await teacher.private("/highlight 小刚 上课积极发言")
    set_local(clock, MONDAY, "07:30")
    await teacher.group('/plan new "跳绳" start=today')
    await teacher.group('/hw new 口算 "每日10分钟口算打卡" due=20:00 repeat=daily')
    scheduler = HomeworkScheduler(dialog, sessions, clock)
    notices, events, signups = (FeatureWorker(dialog, sessions, clock, name)
                                for name in ("notices", "events", "signups"))
    await teacher.group('/signup "护学岗" 周一护学岗 x2 | 周二护学岗 x1')
    duty = posted(await signups.run(), "护学岗")
    for child, slot in (("小明", "周一护学岗"), ("小刚", "周一护学岗"), ("小丽", "周二护学岗")):
        await parents[child].press(duty, slot)
    await teacher.group('/event "家长开放日" 11-25 15:00')
    card = posted(await events.run(), "家长开放日")
    for child, answer in (("小明", "✅ 参加"), ("小红", "✅ 参加"), ("小刚", "❌ 不参加")):
        await parents[child].press(card, answer)
    for index in range(3):
        day = MONDAY + timedelta(days=index)
        set_local(clock, day, "07:30")
        await scheduler.run()
        set_local(clock, day, "19:00")
        for child in CHECKINS[index]:
            await parents[child].private("/checkin")
        for child in ON_TIME[index]:
            await send(parents[child], "/submit", kinds=("photo",))
        set_local(clock, day, "20:30")
        for child in LATE[index]:
            await send(parents[child], "/submit", kinds=("photo",))
        if index == 1:
            await teacher.group('/notice "明天穿校服，带水杯" ack')
            notice = posted(await notices.run(), "明天穿校服")
            for child in ("小明", "小刚"):
                await parents[child].press(notice, "✅ 收到")
            await teacher.group('/poll "周五亲子活动去哪里？" 公园 | 博物馆')
            await parents["小明"].private("投票 1")
            await rep.private("投票 2")
    set_local(clock, WEDNESDAY, "14:50")
    await teacher.group("/event checkin 1")
    checkin = posted([message for message in await events.run() if message is not card], "签到")
    await parents["小明"].press(checkin, "📍 签到")
    await teacher.private("/highlight 小明 主动帮助同学整理图书")
    await teacher.private("/highlight 小红 朗读比赛声音洪亮")
    set_local(clock, WEDNESDAY, "21:00")
    return teacher, rep, parents


def cells(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


async def test_the_week_in_one_message_an_xlsx_with_a_sheet_per_part_and_a_chart(dialog, sessions, clock):
    teacher, _, _ = await class_week(dialog, sessions, clock)
    [answer, files] = await teacher.private("/report week")
    async with sessions() as session:
        expected = reference(await read(session, 1, MONDAY, WEDNESDAY))
    [plan], plan_rows = expected["habits"]
    [card], card_rows = expected["homework"]
    [seen], seen_rows = expected["highlights"]
    [poll], _ = expected["polls"]
    [notice], notice_rows = expected["notices"]
    [event], event_rows = expected["events"]
    [duty], point_rows = expected["signups"]
    # The figures the rows give, worked out by hand once more.
    assert (plan["done"], plan["days"], plan["children"], plan["rate"]) == (6, 3, 4, 50)
    assert (card["submitted"], card["on_time"], card["expected"], card["rate"], card["on_time_rate"]) \
        == (6, 5, 12, 50, 42)
    assert (seen["seen_week"], seen["seen_recent"]) == (2, 3) and (poll["voters"], poll["members"]) == (2, 4)
    assert (notice["confirmed"], notice["families"], notice["rate"]) == (2, 4, 50)
    assert (event["going"], event["not_going"], event["present"], event["families"], event["rate"]) == (2, 1, 1, 4, 25)
    assert (duty["taken"], duty["places"], duty["rate"], duty["taken_week"]) == (3, 3, 100, 3)
    assert answer.text.split("\n") == [
        "📊 <b>三年级二班</b> 周报 · 11月23日–11月29日", "",
        "<b>习惯打卡</b>", f"跳绳：打卡率 {plan['rate']}%（6/12，4 人 × 3 天）", "",
        "<b>作业</b>", f"口算：提交率 {card['rate']}%（6/12，3 天）· 准时率 {card['on_time_rate']}%", "",
        "<b>闪光点</b>", "本周表扬了 2/4 个孩子（50%）· 3 周内 3/4（75%）", "",
        "<b>投票</b>", "周五亲子活动去哪里？：2/4 人已投（50%） · 进行中", "",
        "<b>问卷</b>", "本周没有问卷", "",
        "<b>通知</b>", f"{notice['title']}：2/4 个家庭已确认（{notice['rate']}%）", "",
        "<b>活动</b>", f"家长开放日（11月25日）：参加 2 · 不参加 1 · 到场 1/4，出席率 {event['rate']}%", "",
        "<b>接龙</b>", f"护学岗：已报 3/3 个名额（{duty['rate']}%）· 本周报名 3 · 进行中", "",
        "每个孩子的明细见下面的表格。"]
    assert not answer.reply.media and not files.text
    chart, sheet = files.reply.media
    assert (chart.kind, chart.file_name) == ("photo", "三年级二班-2026-11-23.png")
    image = Image.open(io.BytesIO(chart.data))
    assert image.format == "PNG"
    assert image.size == (900, round((1.4 + 0.6 * 7) * charts.DPI))  # seven bars, one per plan, card, poll…
    assert (sheet.kind, sheet.file_name) == ("document", "三年级二班-2026-11-23.xlsx")
    book = load_workbook(io.BytesIO(sheet.data))
    assert book.sheetnames == ["习惯打卡", "习惯打卡·每个孩子", "作业", "作业·每个孩子", "闪光点", "闪光点·每个孩子",
                               "投票", "问卷", "通知", "通知·每个孩子", "活动", "活动·每个孩子", "接龙",
                               "接龙·每个孩子"]
    habits, habit_children, homework, homework_children, highlights, highlight_children, polls = book.worksheets[:7]
    klass = "三年级二班"
    assert cells(habits) == [
        ["班级", "计划", "天数", "人数", "打卡次数", "完成率%"], [klass, "跳绳", 3, 4, 6, 50]]
    assert cells(habit_children) == [["班级", "孩子", "计划", "打卡天数", "天数"],
                                     *([klass, *row] for row in plan_rows)]
    assert sorted(map(tuple, plan_rows)) == sorted([("小明", "跳绳", 3, 3), ("小红", "跳绳", 2, 3),
                                                    ("小刚", "跳绳", 1, 3), ("小丽", "跳绳", 0, 3)])
    assert cells(homework) == [
        ["班级", "作业", "天数", "应交", "已交", "准时", "完成率%", "准时率%"], [klass, "口算", 3, 12, 6, 5, 50, 42]]
    assert cells(homework_children) == [["班级", "孩子", "作业", "已交", "准时", "天数"],
                                        *([klass, *row] for row in card_rows)]
    assert sorted(map(tuple, card_rows)) == sorted([("小明", "口算", 3, 3, 3), ("小红", "口算", 2, 1, 3),
                                                    ("小刚", "口算", 1, 1, 3), ("小丽", "口算", 0, 0, 3)])
    assert cells(highlights) == [
        ["班级", "人数", "本周被表扬的孩子", "3周内被表扬的孩子", "本周覆盖率%", "3周覆盖率%"],
        [klass, 4, 2, 3, 50, 75]]
    assert cells(highlight_children) == [["班级", "孩子", "本周闪光点", "3周内闪光点"],
                                         *([klass, *row] for row in seen_rows)]
    assert sorted(map(tuple, seen_rows)) == sorted([("小明", 1, 1), ("小红", 1, 1), ("小刚", 0, 1), ("小丽", 0, 0)])
    assert cells(polls) == [["班级", "问题", "已投票", "可投票", "完成率%", "结束日期"],
                            [klass, "周五亲子活动去哪里？", 2, 4, 50, None]]
    assert notice["title"] == "明天穿校服，带水杯"
    assert cells(book["通知"]) == [["班级", "通知", "已确认", "家庭数", "完成率%"], [klass, notice["title"], 2, 4, 50]]
    assert cells(book["通知·每个孩子"]) == [["班级", "孩子", "通知", "已确认"],
                                       *([klass, *row] for row in notice_rows)]
    assert sorted(map(tuple, notice_rows)) == sorted((child, notice["title"], done) for child, done in (
        ("小明", 1), ("小红", 0), ("小刚", 1), ("小丽", 0)))
    assert cells(book["活动"]) == [["班级", "活动", "日期", "参加", "不参加", "家庭数", "到场", "出席率%"],
                                 [klass, "家长开放日", datetime(2026, 11, 25), 2, 1, 4, 1, 25]]
    assert cells(book["活动·每个孩子"]) == [["班级", "孩子", "活动", "参加", "到场"],
                                       *([klass, *row] for row in event_rows)]
    assert sorted(map(tuple, event_rows), key=str) == sorted([  # going: 1 yes, 0 no, empty no answer
        ("小明", "家长开放日", 1, 1), ("小红", "家长开放日", 1, 0), ("小刚", "家长开放日", 0, 0),
        ("小丽", "家长开放日", None, 0)], key=str)
    assert cells(book["接龙"]) == [["班级", "接龙", "已报名额", "名额", "完成率%", "本周报名", "结束日期"],
                                 [klass, "护学岗", 3, 3, 100, 3, None]]
    assert cells(book["接龙·每个孩子"]) == [["班级", "孩子", "本周志愿者积分"], *([klass, *row] for row in point_rows)]
    assert sorted(map(tuple, point_rows)) == sorted([("小明", 1), ("小红", 0), ("小刚", 1), ("小丽", 1)])


async def test_a_rep_gets_the_class_figures_without_a_child_and_parents_and_the_group_get_nothing(
        dialog, sessions, clock):
    teacher, rep, parents = await class_week(dialog, sessions, clock)
    [answer, files] = await rep.private("/report week")
    assert "跳绳：打卡率 50%" in answer.text and "表格里是班级数据，不含每个孩子的明细" in answer.text
    _, sheet = files.reply.media
    book = load_workbook(io.BytesIO(sheet.data))
    values = [value for each in book.worksheets for row in cells(each) for value in row]
    assert not {"小明", "小红", "小刚", "小丽"} & set(values)  # no per-child row, in no sheet
    assert book.sheetnames == ["习惯打卡", "作业", "闪光点", "投票", "问卷", "通知", "活动", "接龙"]
    assert cells(book["活动"])[1] == ["三年级二班", "家长开放日", datetime(2026, 11, 25), 2, 1, 4, 1, 25]
    assert cells(book["习惯打卡"]) == [["班级", "计划", "天数", "人数", "打卡次数", "完成率%"],
                                    ["三年级二班", "跳绳", 3, 4, 6, 50]]
    for parent in (parents["小明"], parents["小刚"]):
        [refused] = await parent.private("/report week")
        assert "只有老师或家委可以使用" in refused.text and not refused.reply.media
        [keyword] = await parent.private("报告")
        assert "只有老师或家委可以使用" in keyword.text and not keyword.reply.media
    before = len(dialog.messenger.in_chat(GROUP_ID))
    [in_group] = await teacher.group("/report week")
    shown = dialog.messenger.in_chat(GROUP_ID)[before:]
    assert shown == [in_group] and not in_group.reply.media
    assert not any(name in in_group.text for name in ("小明", "小红", "小刚", "%"))


async def test_an_earlier_week_by_date_and_bad_input_answered_clearly(dialog, sessions, clock):
    teacher, _, _ = await class_week(dialog, sessions, clock)
    [earlier, files] = await teacher.private("/report week 2026-11-18")
    assert earlier.text.startswith("📊 <b>三年级二班</b> 周报 · 11月16日–11月22日")
    assert "本周表扬了 1/4 个孩子（25%）" in earlier.text and "本周没有打卡计划" in earlier.text
    assert "本周没有作业" in earlier.text and "本周没有投票" in earlier.text
    assert "本周没有通知" in earlier.text and "本周没有活动" in earlier.text and "本周没有接龙" in earlier.text
    assert files.reply.media[1].file_name == "三年级二班-2026-11-16.xlsx"
    [named, _] = await teacher.private("/report week 三年级二班 2026-11-18")
    assert named.text == earlier.text
    for text, answer in (("/report week 2026-13-45", "日期写成 YYYY-MM-DD"), ("/report week 2026-12-01", "还没到"),
                         ("/report week 五年级一班", "你没有叫「五年级一班」的班级"),
                         ("/report week 三年级二班 2026-11-18 多余", "最多写一个班级名和一个日期")):
        [refused] = await teacher.private(text)
        assert answer in refused.text and not refused.reply.media, text
        assert "/report week" in refused.text  # the usage line
