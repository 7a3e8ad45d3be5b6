"""/report week: a class week with every feature in use (a habit plan, a daily homework card, highlights, a
poll), the message's figures against a plain computation over the rows, the XLSX sheet by sheet and cell by
cell, the overview chart; a rep gets no per-child rows, parents and the group get nothing; bad input."""
import io
from datetime import date, timedelta

from openpyxl import load_workbook
from PIL import Image

from handlers.core import charts
from support.dialog import GROUP_ID
from support.habit_class import set_local
from support.homework_class import HomeworkScheduler, homework_class, send
from support.report_week import read, reference

MONDAY = date(2026, 11, 23)
WEDNESDAY = MONDAY + timedelta(days=2)
CHECKINS = (("小明", "小红"), ("小明", "小红", "小刚"), ("小明",))  # Monday to Wednesday
ON_TIME = (("小明",), ("小明",), ("小明", "小红", "小刚"))
LATE = (("小红",), (), ())


async def class_week(dialog, sessions, clock):
    """Monday to Wednesday of a class of four: 小刚 praised the week before, 小明 and 小红 this week; 小红妈妈
    is the rep. Returns (teacher, rep, parents) with the clock on Wednesday evening."""
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
            await teacher.group('/poll "周五亲子活动去哪里？" 公园 | 博物馆')
            await parents["小明"].private("投票 1")
            await rep.private("投票 2")
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
    # The figures the rows give, worked out by hand once more.
    assert (plan["done"], plan["days"], plan["children"], plan["rate"]) == (6, 3, 4, 50)
    assert (card["submitted"], card["on_time"], card["expected"], card["rate"], card["on_time_rate"]) \
        == (6, 5, 12, 50, 42)
    assert (seen["seen_week"], seen["seen_recent"]) == (2, 3) and (poll["voters"], poll["members"]) == (2, 4)
    assert answer.text.split("\n") == [
        "📊 <b>三年级二班</b> 周报 · 11月23日–11月29日", "",
        "<b>习惯打卡</b>", f"跳绳：打卡率 {plan['rate']}%（6/12，4 人 × 3 天）", "",
        "<b>作业</b>", f"口算：提交率 {card['rate']}%（6/12，3 天）· 准时率 {card['on_time_rate']}%", "",
        "<b>闪光点</b>", "本周表扬了 2/4 个孩子（50%）· 3 周内 3/4（75%）", "",
        "<b>投票</b>", "周五亲子活动去哪里？：2/4 人已投（50%） · 进行中", "",
        "每个孩子的明细见下面的表格。"]
    assert not answer.reply.media and not files.text
    chart, sheet = files.reply.media
    assert (chart.kind, chart.file_name) == ("photo", "三年级二班-2026-11-23.png")
    image = Image.open(io.BytesIO(chart.data))
    assert image.format == "PNG"
    assert image.size == (900, round((1.4 + 0.6 * 4) * charts.DPI))  # four bars, one per part
    assert (sheet.kind, sheet.file_name) == ("document", "三年级二班-2026-11-23.xlsx")
    book = load_workbook(io.BytesIO(sheet.data))
    assert book.sheetnames == ["习惯打卡", "习惯打卡·每个孩子", "作业", "作业·每个孩子", "闪光点", "闪光点·每个孩子",
                               "投票"]
    habits, habit_children, homework, homework_children, highlights, highlight_children, polls = book.worksheets
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


async def test_a_rep_gets_the_class_figures_without_a_child_and_parents_and_the_group_get_nothing(
        dialog, sessions, clock):
    teacher, rep, parents = await class_week(dialog, sessions, clock)
    [answer, files] = await rep.private("/report week")
    assert "跳绳：打卡率 50%" in answer.text and "表格里是班级数据，不含每个孩子的明细" in answer.text
    _, sheet = files.reply.media
    book = load_workbook(io.BytesIO(sheet.data))
    values = [value for each in book.worksheets for row in cells(each) for value in row]
    assert not {"小明", "小红", "小刚", "小丽"} & set(values)  # no per-child row, in no sheet
    assert book.sheetnames == ["习惯打卡", "作业", "闪光点", "投票"]
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
    assert files.reply.media[1].file_name == "三年级二班-2026-11-16.xlsx"
    [named, _] = await teacher.private("/report week 三年级二班 2026-11-18")
    assert named.text == earlier.text
    for text, answer in (("/report week 2026-13-45", "日期写成 YYYY-MM-DD"), ("/report week 2026-12-01", "还没到"),
                         ("/report week 五年级一班", "你没有叫「五年级一班」的班级"),
                         ("/report week 三年级二班 2026-11-18 多余", "最多写一个班级名和一个日期")):
        [refused] = await teacher.private(text)
        assert answer in refused.text and not refused.reply.media, text
        assert "/report week" in refused.text  # the usage line
