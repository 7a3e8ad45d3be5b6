"""The habit providers called as the tick calls them: what is due, to whom, and that each moves its own state on."""
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from handlers.core import fonts
from handlers.core.messages import ChatRef, PersonTarget
from handlers.habits import certificate as certificate_module
from schedules.habits import certificates, daily_posts, nudges, summaries
from support.classes import join_approved
from support.dialog import GROUP_ID
from support.habit_class import (
    START,
    class_with_families,
    make_unreachable,
    only_plan,
    person_id_of,
    run,
    set_local,
)


async def test_the_daily_post_is_due_at_the_reminder_time_once(dialog, sessions, clock):
    teacher, _, _ = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读" remind=19:30')
    set_local(clock, START, "19:29")
    assert await run(sessions, daily_posts, clock.now()) == []
    set_local(clock, START, "19:30")
    [push] = await run(sessions, daily_posts, clock.now())
    assert push.kind == "habit_daily" and push.target == ChatRef("fake", GROUP_ID, False)
    assert push.dedup_key == push.tally_key == "habit-daily:plan=1:day=2026-11-25"
    assert push.text == "📅 每天阅读 第1/21天 · 今日已打卡 0/3" and push.buttons[0][0].text == "✅ 打卡"
    assert await run(sessions, daily_posts, clock.now()) == []
    assert (await only_plan(sessions)).next_post_at == datetime(2026, 11, 26, 11, 30, tzinfo=UTC)


async def test_after_a_long_outage_only_todays_post_goes_out(dialog, sessions, clock):
    teacher, _, _ = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    set_local(clock, START + timedelta(days=3), "20:30")
    [push] = await run(sessions, daily_posts, clock.now())
    assert push.text.startswith("📅 每天阅读 第4/21天")
    assert (await only_plan(sessions)).next_post_at == datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


async def test_a_family_plan_reminds_the_family_privately_and_not_once_done(dialog, sessions, clock):
    _, code, parents = await class_with_families(dialog)
    dad = dialog.person("小明爸爸")
    await join_approved(dad, code, "小明", "爸爸", parents["小明"])
    await parents["小明"].private('/plan new "整理书包" start=today')
    set_local(clock, date(2026, 11, 24), "20:00")
    pushes = await run(sessions, daily_posts, clock.now())
    assert {p.target for p in pushes} == {PersonTarget(await person_id_of(sessions, parents["小明"])),
                                          PersonTarget(await person_id_of(sessions, dad))}
    assert all(p.text == "📅 整理书包 第1/21天：小明今天打卡了吗？" for p in pushes)
    await parents["小明"].private("/checkin")
    set_local(clock, date(2026, 11, 25), "20:00")
    await dad.private("/checkin")
    assert await run(sessions, daily_posts, clock.now()) == []


async def test_nudges_name_only_the_familys_own_children_and_skip_the_unreachable(dialog, sessions, clock):
    teacher, _, parents = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    await make_unreachable(sessions, parents["小刚"])
    set_local(clock, START, "20:00")
    await parents["小红"].private("/checkin")
    set_local(clock, START, "21:20")
    [push] = await run(sessions, nudges, clock.now())
    assert push.kind == "habit_nudge" and push.target == PersonTarget(await person_id_of(sessions, parents["小明"]))
    assert push.text == "🌙 《每天阅读》第1/21天：小明 今天还没有打卡哦，点下面的按钮就能打卡。"
    assert push.due_at == datetime(2026, 11, 25, 13, 20, tzinfo=UTC)  # 21:20, before quiet hours
    assert await run(sessions, nudges, clock.now()) == []


async def test_optional_and_stopped_plans_do_not_nudge(dialog, sessions, clock):
    teacher, _, _ = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读" mode=optional')
    await teacher.group('/plan new "跳绳"')
    await teacher.private("/plan stop 2")
    set_local(clock, START, "21:20")
    assert await run(sessions, nudges, clock.now()) == []
    assert await run(sessions, daily_posts, clock.now()) != []  # the optional plan still posts


async def test_a_family_plan_has_no_teacher_summary_and_a_certificate_only_after_a_check_in(dialog, sessions, clock):
    _, _, parents = await class_with_families(dialog)
    await parents["小明"].private('/plan new "整理书包" days=1 start=today')
    set_local(clock, date(2026, 11, 24), "20:00")
    assert await run(sessions, certificates, clock.now()) == []
    await parents["小明"].private("/checkin")
    [push] = await run(sessions, certificates, clock.now())
    assert push.kind == "habit_certificate" and push.media[0].kind == "photo"
    set_local(clock, date(2026, 11, 25), "00:01")
    assert await run(sessions, certificates, clock.now()) == []  # one certificate per child
    assert await run(sessions, summaries, clock.now()) == []


async def test_an_english_class_gets_its_certificate_in_english(dialog, sessions, clock):
    teacher, _, parents = await class_with_families(dialog, children=("Lily",), language="en")
    await teacher.group('/plan new "Read every day" days=1 start=today')
    await parents["Lily"].private("/checkin")
    [push] = await run(sessions, certificates, clock.now())
    assert push.text.startswith("🎉 Lily finished the plan “Read every day”, checking in on 1/1 days!")
    assert push.media[0].data.startswith(b"\x89PNG")


def test_without_a_cjk_font_the_certificate_fails_clearly(monkeypatch):
    monkeypatch.setattr(fonts, "FONT_PATHS", ("/nonexistent/font.ttc",))
    monkeypatch.setattr(fonts.shutil, "which", lambda _name: None)
    fonts.cjk_font_path.cache_clear()
    try:
        with pytest.raises(certificate_module.MissingFont, match="fonts-noto-cjk"):
            certificate_module.draw_certificate("zh", child="小明", title="每天阅读", done=21, days=21,
                                                day=date(2026, 12, 15), class_name="三年级二班")
    finally:
        fonts.cjk_font_path.cache_clear()


async def test_a_post_or_nudge_first_seen_in_quiet_hours_is_dropped_not_held_for_the_morning(dialog, sessions, clock):
    teacher, _, _ = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    set_local(clock, START, "21:35")  # the bot was down from 19:00 to 21:35
    assert await run(sessions, daily_posts, clock.now()) == []
    assert await run(sessions, nudges, clock.now()) == []
    plan = await only_plan(sessions)
    assert plan.next_post_at == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # on to tomorrow
    assert plan.next_nudge_at == datetime(2026, 11, 26, 13, 20, tzinfo=UTC)



async def test_the_plan_summary_sheet_opens_whatever_the_class_plan_and_children_are_called(dialog, sessions, clock):
    teacher = dialog.person("王老师", admin_of=(GROUP_ID,))
    await teacher.group("/setup 三年级/二班*?:[]")
    await teacher.private("/roster add 小明/小红* [小刚]?")
    await teacher.group('/plan new "阅读/打卡*?:[]" days=1 start=today')
    set_local(clock, date(2026, 11, 25), "00:01")
    [push] = await run(sessions, summaries, clock.now())
    book = load_workbook(io.BytesIO(push.media[0].data))
    assert book.sheetnames == ["学生", "每日"]
    assert sorted(row[0].value for row in book["学生"].iter_rows(min_row=2)) == ["[小刚]?", "小明/小红*"]
