"""/makeup (补卡): a missed past day of the plan, while the quota lasts, marked as a make-up."""
from datetime import timedelta

import pytest

from support.habit_class import START, checkins, class_with_families, count_checkins, set_local


async def plan_on_day(dialog, clock, day_number, options=""):
    teacher, code, parents = await class_with_families(dialog)
    await teacher.group(f'/plan new "每天阅读" {options}'.strip())
    set_local(clock, START + timedelta(days=day_number - 1), "19:00")
    return teacher, code, parents


async def test_a_missed_day_is_made_up_and_marked(dialog, sessions, clock):
    _, _, parents = await plan_on_day(dialog, clock, 3)
    await parents["小明"].private("/checkin")
    [reply] = await parents["小明"].private("/makeup 11-25")
    assert reply.text == "🔁 小明 已补卡：11月25日（第1天）· 已完成 2/21 · 还可补卡 1 次"
    made_up = [c for c in await checkins(sessions) if c.is_makeup]
    assert [c.day for c in made_up] == [START]


async def test_the_keyword_补卡_and_yesterday_work(dialog, sessions, clock):
    _, _, parents = await plan_on_day(dialog, clock, 2)
    [reply] = await parents["小红"].private("补卡 昨天")
    assert "🔁 小红 已补卡：11月25日（第1天）" in reply.text


@pytest.mark.parametrize("when,expected", [
    ("今天", "只能补已经过去的日子"),
    ("明天", "只能补已经过去的日子"),
    ("11-24", "不在计划日期内"),
    ("13-45", "看不懂日期"),
])
async def test_days_that_cannot_be_made_up_are_refused(dialog, sessions, clock, when, expected):
    _, _, parents = await plan_on_day(dialog, clock, 3)
    [reply] = await parents["小明"].private(f"/makeup {when}")
    assert expected in reply.text and "用法：" in reply.text
    assert await count_checkins(sessions) == 0


async def test_a_day_already_checked_in_needs_no_make_up(dialog, sessions, clock):
    _, _, parents = await plan_on_day(dialog, clock, 1)
    await parents["小明"].private("/checkin")
    set_local(clock, START + timedelta(days=1), "19:00")
    [reply] = await parents["小明"].private("/makeup 昨天")
    assert "11月25日 已经打过卡了，不用补" in reply.text
    assert await count_checkins(sessions) == 1


async def test_the_make_up_quota_runs_out(dialog, sessions, clock):
    _, _, parents = await plan_on_day(dialog, clock, 5, "makeup=2")
    await parents["小明"].private("/makeup 11-25")
    await parents["小明"].private("/makeup 11-26")
    [reply] = await parents["小明"].private("/makeup 11-27")
    assert "小明 的 2 次补卡机会已经用完了" in reply.text
    assert await count_checkins(sessions) == 2


async def test_a_make_up_needs_a_date(dialog, sessions, clock):
    _, _, parents = await plan_on_day(dialog, clock, 3)
    [reply] = await parents["小明"].private("/makeup")
    assert "请写上要补卡的日期" in reply.text


async def test_no_make_ups_for_a_stopped_or_ended_plan(dialog, sessions, clock):
    teacher, _, parents = await plan_on_day(dialog, clock, 3, "days=3")
    set_local(clock, START + timedelta(days=3), "09:00")
    [ended] = await parents["小明"].private("/makeup 11-25")
    assert "已于 11月27日 结束" in ended.text
    await teacher.group('/plan new "跳绳" start=today')
    await teacher.private("/plan stop 2")
    [stopped] = await parents["小明"].private("/makeup 11-27 2")
    assert "已经停止" in stopped.text
    assert await count_checkins(sessions) == 0


async def test_a_teacher_cannot_make_up_for_a_child(dialog, sessions, clock):
    teacher, _, _ = await plan_on_day(dialog, clock, 3)
    [reply] = await teacher.private("/makeup 11-25")
    assert "只有参加这个计划的孩子的家长才能打卡" in reply.text
    assert await count_checkins(sessions) == 0


async def test_a_photo_plan_make_up_needs_a_photo_too(dialog, sessions, clock):
    _, _, parents = await plan_on_day(dialog, clock, 3, "evidence=photo")
    [refused] = await parents["小明"].group("/makeup 11-25")
    assert "需要照片" in refused.text
    assert await count_checkins(sessions) == 0


async def test_an_english_speaking_parent_gets_the_refusal_and_usage_in_english(dialog, sessions, clock):
    teacher, code, _ = await plan_on_day(dialog, clock, 3)
    lily_dad = dialog.person("Lily's dad", language="en")
    await teacher.private("/roster add Lily")
    await lily_dad.private(f"/join {code} Lily")
    [reply] = await lily_dad.private("/makeup tomorrow")
    assert reply.text.startswith("Nov 28 cannot be made up: only past days can")
    assert "Usage: <code>/makeup &lt;date&gt; [plan id]" in reply.text


async def two_running_plans(dialog, clock, day_number):
    teacher, code, parents = await plan_on_day(dialog, clock, day_number)
    await teacher.group(f'/plan new "背古诗" start={(START + timedelta(days=day_number - 1)).isoformat()}')
    return teacher, code, parents


async def test_with_several_plans_a_bad_date_is_refused_before_asking_which_plan(dialog, sessions, clock):
    _, _, parents = await two_running_plans(dialog, clock, 3)
    [reply] = await parents["小明"].private("/makeup 13-45")
    assert "看不懂日期“13-45”" in reply.text and reply.buttons == ()
    [future] = await parents["小明"].private("/makeup 明天")
    assert "只能补已经过去的日子" in future.text and future.buttons == ()
    assert await count_checkins(sessions) == 0


async def test_a_make_up_naming_no_plan_is_refused_before_asking_which_plan(dialog, sessions, clock):
    _, _, parents = await two_running_plans(dialog, clock, 3)
    [reply] = await parents["小明"].private("/makeup 11-25 背唐诗")
    assert "没有找到计划“背唐诗”" in reply.text and reply.buttons == ()
    assert await count_checkins(sessions) == 0


async def test_the_which_plan_question_of_a_make_up_says_make_up(dialog, sessions, clock):
    _, _, parents = await two_running_plans(dialog, clock, 3)
    [question] = await parents["小明"].private("/makeup 11-25")
    assert question.text == "要为哪个计划补卡？"
    [done] = await parents["小明"].press(question, "每天阅读")
    assert done.text.startswith("🔁 小明 已补卡：11月25日（第1天）")


async def test_full_width_dates_are_read(dialog, sessions, clock):
    _, _, parents = await plan_on_day(dialog, clock, 3)
    [reply] = await parents["小明"].private("/makeup １１－２５")
    assert reply.text.startswith("🔁 小明 已补卡：11月25日（第1天）")


async def test_an_unreadable_make_up_date_is_shown_the_dates_a_make_up_takes(dialog, sessions, clock):
    _, _, parents = await plan_on_day(dialog, clock, 3)
    [reply] = await parents["小明"].private("/makeup 前天吧")
    assert "昨天" in reply.text and "明天" not in reply.text.split("用法")[0]
