"""/signup stats: volunteer points (志愿者积分) per family across the term's lists, privately, with CSV and XLSX
under the ⬇️ button; the lists of another term do not count, and parents cannot read them."""
import csv
import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from models import ClassGroup
from support.habit_class import set_local
from support.signup_class import SignupWorker, post, signup_class


def csv_rows(media) -> list[list[str]]:
    [sheet] = [item for item in media if item.file_name.endswith(".csv")]
    assert sheet.data.startswith("\ufeff".encode())  # the BOM Excel needs for Chinese
    return list(csv.reader(io.StringIO(sheet.data.decode("utf-8-sig"))))


def xlsx_rows(media) -> tuple[str, list[tuple]]:
    [book] = [item for item in media if item.file_name.endswith(".xlsx")]
    sheet = load_workbook(io.BytesIO(book.data)).active
    rows = sheet.iter_rows(values_only=True)
    return sheet.title, [tuple("" if cell is None else cell for cell in row) for row in rows]


async def test_points_add_up_across_two_lists_and_the_term(dialog, sessions, clock):
    teacher, rep, parents = await signup_class(dialog)
    worker = SignupWorker(dialog, sessions, clock)
    set_local(clock, date(2026, 8, 28), "09:00")  # the spring term: its places do not count now
    _, old = await post(rep, worker, '/signup "暑期值日" 周一 x3')
    await parents["小丽"].press(old, "周一")
    set_local(clock, date(2026, 11, 24), "09:00")
    _, duty = await post(rep, worker)
    _, fair = await post(teacher, worker, '/signup "运动会志愿者" 搬器材 x2 | 拍照 x1 | 引导 x2')
    ming, gang = parents["小明"], parents["小刚"]
    await ming.press(duty, "周一护学岗")
    await ming.press(duty, "周二护学岗")
    await gang.press(duty, "周一护学岗")
    await ming.press(fair, "拍照")
    await gang.press(fair, "搬器材")
    await gang.press(fair, "引导")
    await gang.press(fair, "引导")  # released again: no point
    [answer] = await rep.private("/signup stats")
    assert answer.text == ("🙌 三年级二班 · 志愿者积分（2026年秋季学期）\n"
                           "小明：3 分（护学岗 · 周一护学岗；护学岗 · 周二护学岗；运动会志愿者 · 拍照）\n"
                           "小刚：2 分（护学岗 · 周一护学岗；运动会志愿者 · 搬器材）\n"
                           "还没有报名的家庭：2 个（见表格）。")
    assert not answer.reply.media  # the files come from the ⬇️ button under it, as every list's do
    [download] = await rep.press(answer, "⬇️ CSV / XLSX")
    media = download.reply.media
    async with sessions() as session:
        code = await session.scalar(select(ClassGroup.join_code))
    assert [item.file_name for item in media] == [f"volunteers-{code}-2026-autumn.xlsx",
                                                  f"volunteers-{code}-2026-autumn.csv"]
    assert csv_rows(media) == [
        ["班级", "家庭", "积分", "报名的岗位"],
        ["三年级二班", "小明", "3", "护学岗 · 周一护学岗; 护学岗 · 周二护学岗; 运动会志愿者 · 拍照"],
        ["三年级二班", "小刚", "2", "护学岗 · 周一护学岗; 运动会志愿者 · 搬器材"],
        ["三年级二班", "小丽", "0", ""], ["三年级二班", "小红", "0", ""]]  # roster order
    title, rows = xlsx_rows(media)
    assert title == "志愿者积分 2026年秋季学期"
    assert rows[1] == ("三年级二班", "小明", 3, "护学岗 · 周一护学岗; 护学岗 · 周二护学岗; 运动会志愿者 · 拍照")
    assert [row[1:3] for row in rows[2:]] == [("小刚", 2), ("小丽", 0), ("小红", 0)]
    # In the group the lists show who signed up, never anyone's points.
    assert all("分" not in message.text for message in dialog.messenger.in_chat("-1001"))


async def test_the_spring_term_starts_afresh(dialog, sessions, clock):
    teacher, rep, parents = await signup_class(dialog)
    worker = SignupWorker(dialog, sessions, clock)
    _, duty = await post(rep, worker)
    await parents["小明"].press(duty, "周一护学岗")
    set_local(clock, date(2027, 1, 31), "20:00")
    [january] = await teacher.private("/signup stats")
    assert "2026年秋季学期" in january.text and "小明：1 分" in january.text
    set_local(clock, date(2027, 2, 1), "08:00")
    [february] = await teacher.private("/signup stats")
    assert february.text.startswith("🙌 三年级二班 · 志愿者积分（2027年春季学期）\n这个学期还没有家庭报名。")


async def test_parents_cannot_read_points_and_reps_only_privately(dialog, sessions, clock):
    teacher, rep, parents = await signup_class(dialog)
    [refused] = await parents["小明"].private("/signup stats")
    assert refused.text.startswith("只有老师或家委可以使用 /signup stats")
    assert not refused.reply.media
    [in_group] = await rep.group("/signup stats")
    assert not in_group.reply.media and "分" not in in_group.text
