"""/roster: listing, adding, archiving, importing CSV/XLSX and exporting."""
import csv
import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from models import Student, StudentStatus
from support.classes import set_up_class


async def names(sessions, status=StudentStatus.active):
    async with sessions() as session:
        return sorted((await session.scalars(select(Student.name).where(Student.status == status))).all())


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_roster_lists_children_guardians_and_who_can_get_private_messages(dialog):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明 小红")
    await dialog.person("小明妈妈").private(f"/join {code} 小明 妈妈")
    [listing] = await teacher.private("/roster")
    assert "2 名学生" in listing.text
    assert "小明妈妈（妈妈） ✓" in listing.text
    assert "暂无家长" in listing.text  # 小红 has nobody yet


async def test_a_parent_cannot_see_the_roster(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("妈妈")
    await mum.private(f"/join {code} 小明")
    [reply] = await mum.private("/roster")
    assert "只有老师" in reply.text
    [reply] = await mum.private("/roster add 小黑")
    assert "只有老师" in reply.text
    assert await names(sessions) == ["小明"]


async def test_roster_in_the_group_is_refused_to_keep_names_private(dialog):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.group("/roster")
    assert "私聊" in reply.text


async def test_add_skips_children_already_there_and_rejects_bad_names_whole(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.private("/roster add 小明 小红")
    assert "已添加 2 名" in reply.text
    [reply] = await teacher.private("/roster add 小明 小亮")
    assert "小亮" in reply.text and "跳过：小明" in reply.text
    [reply] = await teacher.private(f"/roster add 小白 {'长' * 40}")
    assert "太长" in reply.text
    [reply] = await teacher.private('/roster add 「小「白」')
    assert "不能用作孩子姓名" in reply.text
    assert await names(sessions) == ["小亮", "小明", "小红"]


async def test_remove_archives_and_add_restores(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    [reply] = await teacher.private("/roster remove 小明")
    assert "移出" in reply.text
    assert await names(sessions, StudentStatus.archived) == ["小明"]
    [reply] = await teacher.private("/roster remove 小明")
    assert "没有 小明" in reply.text
    await teacher.private("/roster add 小明")
    assert await names(sessions) == ["小明"]


async def test_import_csv_adds_good_rows_and_reports_bad_ones_by_line(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    await teacher.private("/roster add 小红")
    data = "姓名,学号\n小明,01\n,02\n小红,03\n" + "长" * 40 + ",04\n小亮,05\n"
    [reply] = await teacher.private("/roster import", document=("名单.csv", data.encode("utf-8")))
    assert "新增 2，跳过 1，无效 2" in reply.text
    assert "第3行：姓名为空" in reply.text
    assert "第5行" in reply.text and "姓名太长" in reply.text
    assert "第4行 小红" in reply.text
    assert await names(sessions) == ["小亮", "小明", "小红"]


async def test_import_reads_gb18030_csv_as_chinese_excel_saves_it(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    await teacher.private("/roster import", document=("名单.csv", "小明\n小红\n".encode("gb18030")))
    assert await names(sessions) == ["小明", "小红"]


async def test_import_xlsx_with_numbers(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    data = xlsx([["name", "number"], ["小明", 1], ["小红", 2]])
    [reply] = await teacher.private("/roster import", document=("roster.xlsx", data))
    assert "新增 2" in reply.text
    async with sessions() as session:
        assert await session.scalar(select(Student.number).where(Student.name == "小明")) == "1"


async def test_import_file_sent_after_the_command_is_taken(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.private("/roster import")
    assert "CSV" in reply.text
    await teacher.private(document=("名单.csv", "小明\n".encode()))
    assert await names(sessions) == ["小明"]


async def test_import_refuses_an_empty_file_and_a_file_that_is_not_a_table(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.private("/roster import", document=("empty.csv", b"\n\n"))
    assert "没有任何学生" in reply.text
    [reply] = await teacher.private("/roster import", document=("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    assert "CSV 或 XLSX" in reply.text
    [reply] = await teacher.private("/roster import", document=("broken.xlsx", b"PK\x03\x04garbage"))
    assert "CSV 或 XLSX" in reply.text
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Student)) == 0


async def test_export_sends_csv_and_xlsx_with_every_child(dialog):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明 小红")
    await dialog.person("妈妈").private(f"/join {code} 小明 妈妈")
    [reply] = await teacher.private("/roster export")
    csv_file, xlsx_file = reply.reply.media
    assert csv_file.file_name.endswith(".csv") and xlsx_file.file_name.endswith(".xlsx")
    rows = list(csv.reader(io.StringIO(csv_file.data.decode("utf-8-sig"))))
    assert rows[0][1] == "姓名"
    assert {row[1] for row in rows[1:]} == {"小明", "小红"}
    assert any("妈妈 (妈妈)" in row[3] for row in rows[1:])
    sheet = load_workbook(io.BytesIO(xlsx_file.data)).active
    assert sorted(cell.value for cell in sheet["B"][1:]) == ["小明", "小红"]


async def test_export_works_for_a_class_whose_name_excel_would_refuse_as_a_sheet_title(dialog):
    teacher, _ = await set_up_class(dialog, name="三年级/二班*?:[]")
    await teacher.private("/roster add 小明")
    [reply] = await teacher.private("/roster export")
    _, xlsx_file = reply.reply.media
    sheet = load_workbook(io.BytesIO(xlsx_file.data)).active
    assert sheet.title == "三年级-二班-----" and sheet["B2"].value == "小明"


async def test_echoed_input_is_cut_short_so_the_answer_stays_short(dialog):
    teacher, _ = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    [join] = await dialog.person("妈妈").private("/join " + "A" * 4080)
    assert "“" + "A" * 39 + "…”" in join.text and len(join.text) < 200
    [remove] = await teacher.private("/roster remove " + "A" * 4080)
    assert "A" * 39 + "…" in remove.text and len(remove.text) < 200
