"""/progress (进度): the family's calendar, the teacher's class view, and only counts in the group."""
from datetime import timedelta

from support.dialog import GROUP_ID
from support.habit_class import START, class_with_families, set_local


async def week_of_reading(dialog, clock):
    """小明: days 1, 2, 4 on time, day 3 made up, day 5 (today) open; 小红: day 1 only; 小刚: nothing."""
    teacher, code, parents = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    for offset in (0, 1, 3):
        set_local(clock, START + timedelta(days=offset), "19:00")
        await parents["小明"].private("/checkin")
        if offset == 0:
            await parents["小红"].private("/checkin")
    set_local(clock, START + timedelta(days=4), "09:00")
    await parents["小明"].private("/makeup 11-27")
    return teacher, code, parents


async def test_a_family_sees_the_calendar_streaks_and_completion(dialog, clock):
    _, _, parents = await week_of_reading(dialog, clock)
    [reply] = await parents["小明"].private("/progress")
    lines = reply.text.splitlines()
    assert lines[0] == "<b>《每天阅读》· 小明</b>"
    assert lines[1] == "11/25✅ 26✅ 27🔁 28✅ 29· 30· 12/1·"  # day 5 is today and still open
    assert lines[2] == "12/2· 3· 4· 5· 6· 7· 8·" and lines[3] == "12/9· 10· 11· 12· 13· 14· 15·"
    assert "当前连续 4 天 · 最长连续 4 天" in reply.text
    assert "已完成 4/21（19%）· 已补卡 1/2" in reply.text


async def test_a_missed_day_shows_and_breaks_the_streak(dialog, clock):
    _, _, parents = await week_of_reading(dialog, clock)
    [reply] = await parents["小红"].private("进度")
    assert reply.text.splitlines()[1] == "11/25✅ 26⬜ 27⬜ 28⬜ 29· 30· 12/1·"
    assert "当前连续 0 天 · 最长连续 1 天" in reply.text


async def test_a_teacher_privately_sees_every_child_and_the_distribution(dialog, clock):
    teacher, _, _ = await week_of_reading(dialog, clock)
    [reply] = await teacher.private("/progress")
    assert "第5/21天 · 今日已打卡 0/3 · 已参与 2/3" in reply.text
    # Days so far are five, today included: 小明 kept four (80%), 小红 one, 小刚 none.
    assert "全勤 0 人 · 80%以上 1 人 · 50–79% 0 人 · 50%以下 2 人" in reply.text
    assert "⬜ 小明 4/21 · 连续4天 · 🔁1" in reply.text
    assert "⬜ 小红 1/21 · 连续0天" in reply.text and "⬜ 小刚 0/21" in reply.text


async def test_the_group_sees_counts_and_never_names(dialog, clock):
    _, _, parents = await week_of_reading(dialog, clock)
    [reply] = [m for m in await parents["小刚"].group("/progress") if m.chat.chat_id == GROUP_ID]
    assert "今日已打卡 0/3 · 已参与 2/3" in reply.text
    assert not any(name in reply.text for name in ("小明", "小红", "小刚"))


async def test_a_rep_without_children_in_the_plan_gets_the_counts_privately(dialog, clock):
    teacher, code, parents = await week_of_reading(dialog, clock)
    rep = dialog.person("家委", username="rep")
    await rep.private(f"/join {code} 小亮")
    await teacher.private("/roster add 小亮")
    await teacher.group("/role @rep rep")
    await teacher.private("/roster remove 小亮")
    [reply] = await rep.private("/progress")
    assert "已参与 2/3" in reply.text and "小明" not in reply.text


async def test_progress_with_no_running_plan_says_so(dialog):
    teacher, _, parents = await class_with_families(dialog)
    [reply] = await parents["小明"].private("/progress")
    assert "现在没有进行中的打卡计划" in reply.text
    [unknown] = await parents["小明"].private("/progress 7")
    assert "没有找到计划“7”" in unknown.text


async def test_on_day_one_only_the_children_checked_in_count_as_full_attendance(dialog, clock):
    """Day 1, 3 of 9 checked in: the 6 still to check in are not full attendance, privately or in the group."""
    names = ("小一", "小二", "小三", "小四", "小五", "小六", "小七", "小八", "小九")
    teacher, _, parents = await class_with_families(dialog, children=names)
    await teacher.group('/plan new "每天阅读"')
    set_local(clock, START, "19:00")
    for name in names[:3]:
        await parents[name].private("/checkin")
    [private] = await teacher.private("/progress")
    assert "全勤 3 人 · 80%以上 0 人 · 50–79% 0 人 · 50%以下 6 人" in private.text
    [group] = [m for m in await teacher.group("/progress") if m.chat.chat_id == GROUP_ID]
    assert "全勤 3 人 · 80%以上 0 人 · 50–79% 0 人 · 50%以下 6 人" in group.text


async def test_a_parents_progress_in_the_group_is_one_message_and_the_calendars_come_privately(dialog, clock):
    teacher, _, parents = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    await teacher.group('/plan new "跳绳"')
    set_local(clock, START, "19:00")
    mum = parents["小明"]
    await mum.private("/checkin 1")
    sent = await mum.group("/progress")
    [group] = [m for m in sent if m.chat.chat_id == GROUP_ID]
    assert "《每天阅读》" in group.text and "《跳绳》" in group.text and "小明" not in group.text
    private = [m for m in sent if m.chat == mum.chat]
    assert sorted(m.text.splitlines()[0] for m in private) == ["<b>《每天阅读》· 小明</b>", "<b>《跳绳》· 小明</b>"]


async def test_the_calendar_rows_are_weeks_with_the_date_of_each_day(dialog, clock):
    teacher, _, parents = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读" days=10')
    set_local(clock, START + timedelta(days=1), "19:00")
    [reply] = await parents["小明"].private("/progress")
    # Seven days a row; the first of a row and the first of a month carry the month.
    assert reply.text.splitlines()[1:3] == ["11/25⬜ 26· 27· 28· 29· 30· 12/1·", "12/2· 3· 4·"]
