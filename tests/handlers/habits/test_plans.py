"""/plan new|list|show|stop: who may make which plan, the defaults, and clear refusals that write nothing."""
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from models.habits import Evidence, HabitPlan, PlanMode
from support.dialog import GROUP_ID as GROUP
from support.habit_class import class_with_families, only_plan


async def plan_count(sessions) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(HabitPlan))


async def test_a_teacher_creates_a_class_plan_with_the_defaults(dialog, sessions):
    teacher, _, _ = await class_with_families(dialog)
    [reply] = await teacher.group('/plan new "每天阅读20分钟"')
    assert "#1《每天阅读20分钟》（全班）" in reply.text
    assert "21天：11月25日 至 12月15日，每天 20:00 提醒" in reply.text
    plan = await only_plan(sessions)
    assert (plan.days, plan.start_date, plan.end_date, plan.remind_at) == (21, date(2026, 11, 25), date(2026, 12, 15),
                                                                         time(20, 0))
    assert (plan.evidence, plan.makeup_quota, plan.mode, plan.student_id) == (Evidence.none, 2, PlanMode.required, None)
    assert plan.next_post_at == datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 20:00 in Beijing
    assert plan.next_nudge_at == datetime(2026, 11, 25, 13, 20, tzinfo=UTC)  # before quiet hours at 21:30


async def test_a_class_plan_made_privately_is_announced_in_the_group(dialog, sessions):
    teacher, _, _ = await class_with_families(dialog)
    replies = await teacher.private('/plan new 跳绳 days=14 start=2026-12-01 remind=19:30 evidence=photo makeup=1 '
                                    'mode=optional')
    assert [m.chat.chat_id for m in replies] == [teacher.external_id, GROUP]
    assert "14天：12月1日 至 12月14日" in replies[0].text and "需上传照片" in replies[0].text
    assert "新的打卡计划《跳绳》12月1日 开始" in replies[1].text
    plan = await only_plan(sessions)
    assert (plan.evidence, plan.makeup_quota, plan.mode) == (Evidence.photo, 1, PlanMode.optional)
    assert plan.next_nudge_at is None  # optional plans never nudge


async def test_a_parent_makes_a_family_plan_for_their_own_child_privately(dialog, sessions):
    teacher, _, parents = await class_with_families(dialog)
    in_group = len(dialog.messenger.in_chat(GROUP))
    [reply] = await parents["小明"].private('/plan new "每天整理书包" days=7 start=today')
    assert "（小明的家庭计划）" in reply.text
    plan = await only_plan(sessions)
    assert plan.student_id is not None and plan.start_date == date(2026, 11, 24)
    assert len(dialog.messenger.in_chat(GROUP)) == in_group  # nothing about it in the group
    assert plan.next_stars_at is None and plan.next_summary_at is None


async def test_a_parent_cannot_make_a_class_plan_or_a_plan_for_another_child(dialog, sessions):
    _, _, parents = await class_with_families(dialog)
    [reply] = await parents["小明"].private('/plan new "阅读" for=class')
    assert "只有老师" in reply.text
    [reply] = await parents["小明"].private('/plan new "阅读" for=小红')
    assert "你的孩子里没有 小红" in reply.text
    assert await plan_count(sessions) == 0


async def test_a_family_plan_is_not_made_in_the_group(dialog, sessions):
    _, _, parents = await class_with_families(dialog)
    [reply] = await parents["小明"].group('/plan new "阅读"')
    assert "私聊" in reply.text
    assert await plan_count(sessions) == 0


@pytest.mark.parametrize("options,expected", [
    ("days=0", "天数“0”不对"),
    ("days=abc", "天数“abc”不对"),
    ("start=2020-01-01", "开始日期 1月1日 不行"),
    ("start=someday", "看不懂日期"),
    ("remind=25:00", "看不懂时间"),
    ("remind=22:00", "在免打扰时段（21:30–07:00）内"),
    ("evidence=video", "看不懂“video”"),
    ("mode=sometimes", "看不懂“sometimes”"),
    ("makeup=30", "补卡次数“30”不对"),
    ("colour=red", "没有“colour”这个选项"),
])
async def test_bad_plan_options_are_explained_and_nothing_is_written(dialog, sessions, options, expected):
    teacher, _, _ = await class_with_families(dialog, children=("小明",))
    [reply] = await teacher.private(f'/plan new "阅读" {options}')
    assert expected in reply.text
    assert "用法：" in reply.text
    assert await plan_count(sessions) == 0


async def test_a_plan_needs_a_title(dialog, sessions):
    teacher, _, _ = await class_with_families(dialog, children=("小明",))
    [reply] = await teacher.private("/plan new days=7")
    assert "请写上计划的标题" in reply.text
    assert await plan_count(sessions) == 0


async def test_each_family_sees_the_class_plans_and_only_its_own_family_plans(dialog):
    teacher, _, parents = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    await parents["小明"].private('/plan new "整理书包"')
    await parents["小红"].private('/plan new "练琴"')
    [mine] = await parents["小明"].private("/plan list")
    assert "每天阅读" in mine.text and "整理书包" in mine.text and "练琴" not in mine.text
    [all_plans] = await teacher.private("/plan list")
    assert all(title in all_plans.text for title in ("每天阅读", "整理书包", "练琴"))
    [in_group] = await parents["小明"].group("/plan list")
    assert "每天阅读" in in_group.text and "整理书包" not in in_group.text
    [hidden] = await parents["小明"].private("/plan show 3")
    assert "没有找到计划“3”" in hidden.text


async def test_plan_show_gives_the_details_and_todays_count(dialog):
    teacher, _, _ = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读" start=today')
    [reply] = await teacher.private("/plan show #1")
    assert "#1《每天阅读》" in reply.text and "进行中" in reply.text and "今日已打卡 0/3" in reply.text


async def test_a_teacher_stops_a_plan_and_its_schedule_ends(dialog, sessions):
    teacher, _, parents = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    [refused] = await parents["小明"].private("/plan stop 1")
    assert "只有老师或这个家庭计划的家长" in refused.text
    [done] = await teacher.private("/plan stop 1")
    assert "已停止" in done.text
    plan = await only_plan(sessions)
    assert plan.stopped_at is not None
    assert (plan.next_post_at, plan.next_nudge_at, plan.next_stars_at, plan.next_summary_at) == (None,) * 4
    [again] = await teacher.private("/plan stop 1")
    assert "已经停止了" in again.text


async def test_a_family_stops_its_own_family_plan(dialog, sessions):
    _, _, parents = await class_with_families(dialog)
    await parents["小明"].private('/plan new "整理书包"')
    [refused] = await parents["小红"].private("/plan stop 1")
    assert "没有找到计划" in refused.text
    [done] = await parents["小明"].private("/plan stop 1")
    assert "已停止" in done.text
    assert (await only_plan(sessions)).stopped_at is not None


async def test_help_states_the_streak_and_completion_rule(dialog):
    teacher, _, parents = await class_with_families(dialog)
    [for_parent] = await parents["小明"].private("/help")
    assert "/checkin" in for_parent.text and "/makeup" in for_parent.text
    assert "补卡计入完成率，只有补上中断的一天（之后又按时打卡）才接上连续天数" in for_parent.text
    [for_teacher] = await teacher.private("/help")
    assert "/plan new" in for_teacher.text and "完成 80% 以上的天数即为完成计划" in for_teacher.text


async def test_plan_show_and_stop_need_a_plan_number_and_unknown_actions_are_named(dialog, sessions):
    teacher, _, _ = await class_with_families(dialog)
    [show] = await teacher.private("/plan show")
    assert "请写上计划编号" in show.text
    [stop] = await teacher.private("/plan stop 阅读")
    assert "没有找到计划“阅读”" in stop.text
    [unknown] = await teacher.private("/plan pause 1")
    assert "没有“pause”这个操作" in unknown.text


async def test_an_error_in_the_group_is_one_short_line_and_the_usage_comes_only_privately(dialog):
    teacher = dialog.person("王老师", admin_of=("-1001",))
    await teacher.group("/setup 三年级二班")
    [group] = await teacher.group("/plan new days=3")
    assert group.text == "请写上计划的标题，如：/plan new \"每天阅读20分钟\"" and "用法" not in group.text
    [private] = await teacher.private("/plan new days=3")
    assert "用法" in private.text and "/plan list" in private.text
