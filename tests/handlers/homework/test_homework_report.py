"""/hw report: per child the days, the on-time rate and the grades over time, the charts in the CJK font, and
the XLSX of every day's submission and grade."""
import io
import warnings
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PIL import Image

from handlers.core import fonts
from handlers.homework.report_chart import score_chart
from support.habit_class import set_local
from support.homework_class import HomeworkScheduler, homework_class, send

TUESDAY = date(2026, 11, 24)
SCORES = {"小明": (60, 75, 92), "小红": (80, 85, 90)}


async def three_graded_days(dialog, sessions, clock):
    """A daily card over three days: 小明 and 小红 submit (小红 late on the last day), 小刚 once, 小丽 never;
    the teacher grades each day's work that evening."""
    teacher, _, parents = await homework_class(dialog)
    set_local(clock, TUESDAY, "08:00")
    await teacher.group('/hw new 口算 "每日10分钟口算打卡" due=20:00 repeat=daily grading=score')
    scheduler = HomeworkScheduler(dialog, sessions, clock)
    for index in range(3):
        day = TUESDAY + timedelta(days=index)
        set_local(clock, day, "08:00" if index == 0 else "07:00")
        await scheduler.run()
        set_local(clock, day, "19:00")
        await send(parents["小明"], "/submit", kinds=("photo",))
        if index == 0:
            await send(parents["小刚"], "/submit 做完了", kinds=())
        set_local(clock, day, "20:30" if index == 2 else "19:30")
        await send(parents["小红"], "/submit", kinds=("photo",))
        set_local(clock, day, "21:00")
        await teacher.private("/review")
        for child in ("小明", "小红") if index else ("小刚", "小明", "小红"):
            await teacher.private(str(SCORES.get(child, (70,))[index]))
    return teacher, parents


async def test_the_report_shows_each_childs_days_on_time_rate_and_trend_with_charts_and_a_sheet(
        dialog, sessions, clock):
    teacher, _ = await three_graded_days(dialog, sessions, clock)
    [report] = await teacher.private("/hw report")
    lines = report.text.split("\n")
    assert lines[0] == "📈 <b>口算</b> · 11月24日–11月26日（3 天）"
    assert "小明：交 3/3 天 · 准时 100% · 60 → 92" in lines
    assert "小红：交 3/3 天 · 准时 67% · 80 → 90" in lines
    assert "小刚：交 1/3 天 · 准时 33% · 70" in lines and "小丽：交 0/3 天 · 准时 0%" in lines
    assert "全班平均：70 → 91" in lines
    photos = [m for m in report.reply.media if m.kind == "photo"]
    assert len(photos) == 4  # the class and the three children with a grade
    assert all(Image.open(io.BytesIO(p.data)).format == "PNG" for p in photos)
    [sheet] = [m for m in report.reply.media if m.kind == "document"]
    assert sheet.file_name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(sheet.data))
    sent, grades = book.worksheets
    rows = [[cell.value for cell in row] for row in sent.iter_rows(min_row=2)]
    assert len(rows) == 3 * 4  # every day and child, the missing ones too
    assert [row[0].date() for row in rows[::4]] == [TUESDAY + timedelta(days=i) for i in range(3)]
    xiaohong_last = next(row for row in rows if row[1] == "小红" and row[0].date() == date(2026, 11, 26))
    assert (xiaohong_last[4], xiaohong_last[5], xiaohong_last[6]) == ("是", "已批改", 90)
    assert next(row for row in rows if row[1] == "小丽")[5] == "未交"
    table = {row[0].value: [cell.value for cell in row[1:]] for row in grades.iter_rows(min_row=2)}
    assert table["小明"] == [60, 75, 92] and table["全班平均"] == [70, 80, 91]


async def test_star_grading_reports_the_marks_and_no_chart(dialog, sessions, clock):
    teacher, _, parents = await homework_class(dialog)
    set_local(clock, TUESDAY, "08:00")
    await teacher.group('/hw new 口算 "每日10分钟口算打卡" due=20:00 grading=stars')
    await send(parents["小明"], "/submit", kinds=("photo",))
    [_, item] = await teacher.private("/review")
    await teacher.press(item, "⭐⭐⭐")
    [report] = await teacher.private("/hw report")
    assert "小明：交 1/1 天 · 准时 100% · ⭐⭐⭐" in report.text
    assert [m.kind for m in report.reply.media] == ["document"]


async def test_parents_and_the_group_get_no_report(dialog, sessions, clock):
    teacher, parents = await three_graded_days(dialog, sessions, clock)
    [refused] = await parents["小明"].private("/hw report")
    assert "只有老师可以使用" in refused.text and not refused.reply.media
    [in_group] = await teacher.group("/hw report")
    assert "小明" not in in_group.text and not in_group.reply.media
    [unknown] = await teacher.private("/hw report 英语")
    assert "找不到作业「英语」" in unknown.text and not unknown.reply.media


def test_chinese_in_a_chart_is_drawn_with_the_cjk_font_never_as_boxes():
    days = [TUESDAY + timedelta(days=i) for i in range(3)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = score_chart("口算 · 小明", [(days[0], 60), (days[2], 92)], days, "分数")
        second = score_chart("口算 · 小红", [(days[0], 60), (days[2], 92)], days, "分数")
    assert not [w for w in caught if "missing from" in str(w.message)]  # matplotlib's word for a box
    assert first != second  # 明 and 红 are different glyphs, not the same box


def test_without_a_cjk_font_the_chart_fails_clearly(monkeypatch):
    monkeypatch.setattr(fonts, "FONT_PATHS", ("/nonexistent/font.ttc",))
    monkeypatch.setattr(fonts.shutil, "which", lambda _name: None)
    fonts.cjk_font_path.cache_clear()
    try:
        with pytest.raises(fonts.MissingFont, match="fonts-noto-cjk"):
            score_chart("口算", [(TUESDAY, 60)], [TUESDAY], "分数")
    finally:
        fonts.cjk_font_path.cache_clear()
