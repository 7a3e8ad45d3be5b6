"""Who may do what with a survey (parents answer; only teachers and reps create, read results, export or
see the status), who has not answered and the once-only reminder, and the closing at `until` with its short
result in the group."""
from datetime import date

import pytest

from support.dialog import GROUP_ID
from support.habit_class import set_local
from support.survey_class import BLOCK, SurveyWorker, answer_all, open_card, post_survey, survey_class, survey_rows

SHORT = ("/survey new\ntitle: 春游调查\nuntil: 11-27 18:00\n1. [single] 去哪里？ | 公园 | 科技馆\n"
         "2. [rating 1-5] 期待程度")


async def test_a_parent_cannot_create_a_survey_in_the_group_or_privately(dialog, sessions):
    _, _, people = await survey_class(dialog)
    mum = people["小明妈妈"]
    [private] = await mum.private(BLOCK.format(anonymous="no"))
    assert private.text.startswith("只有")
    [group] = await mum.group(BLOCK.format(anonymous="no"))
    assert group.text.startswith("只有")
    assert (await survey_rows(sessions))["surveys"] == []


@pytest.mark.parametrize("sub", ["results", "export", "status"])
async def test_a_parent_cannot_read_results_export_or_see_the_status(dialog, sessions, clock, sub):
    _, rep, people = await survey_class(dialog)
    await post_survey(rep, SurveyWorker(dialog, sessions, clock), SHORT)
    [answer] = await people["小刚妈妈"].private(f"/survey {sub} 1")
    assert answer.text.startswith("只有") and not answer.reply.media
    assert "公园" not in answer.text


async def test_a_teacher_of_another_class_hears_there_is_no_such_survey(dialog, sessions, clock):
    _, rep, _ = await survey_class(dialog)
    await post_survey(rep, SurveyWorker(dialog, sessions, clock), SHORT)
    other = dialog.person("李老师", admin_of=("-2002",))
    await other.group("/setup 四年级一班", chat_id="-2002")
    [answer] = await other.private("/survey results 1")
    assert answer.text.startswith("没有问卷“1”。")


async def test_status_lists_the_families_missing_and_the_reminder_reaches_exactly_them_once(dialog, sessions, clock):
    teacher, rep, people = await survey_class(dialog)
    _, card = await post_survey(rep, SurveyWorker(dialog, sessions, clock), BLOCK.format(anonymous="no"))
    await answer_all(people["小明爸爸"], card, ["满意", ["亲子阅读"], "4", "text:好", None])
    [status] = await teacher.private("/survey status 1")
    # 小明妈妈's family has answered through dad; the teacher is not asked.
    assert status.text == "📋 问卷 #1：家长满意度调查\n已填 1 份\n未填（2）：小刚妈妈、小红妈妈"
    reminded = (await teacher.press(status, "提醒"))[-1]
    assert reminded.text == "🔔 已私信提醒 2 人。"
    for name in ("小刚妈妈", "小红妈妈"):
        nudge = people[name].inbox[-1]
        assert nudge.text == "📝 班级问卷“家长满意度调查”还在等你填写：点下面的按钮开始。"
        assert [b.url for row in nudge.buttons for b in row] == ["https://t.me/ClassBridgeBot?start=sv-1"]
    assert "还在等你填写" not in people["小明妈妈"].inbox[-1].text
    [again] = await teacher.press(status, "提醒")
    assert again.text == "这份问卷已经提醒过了。"
    [later] = await teacher.private("/survey status 1")
    assert later.text.endswith("（已提醒）") and later.buttons == ()


async def test_at_until_the_survey_closes_with_a_short_result_and_no_more_answers(dialog, sessions, clock):
    _, rep, people = await survey_class(dialog)
    worker = SurveyWorker(dialog, sessions, clock)
    _, card = await post_survey(rep, worker, SHORT)
    await answer_all(people["小明妈妈"], card, ["公园", "5"])
    await answer_all(people["小刚妈妈"], card, ["公园", "3"])
    await answer_all(rep, card, ["科技馆", "4"])
    set_local(clock, date(2026, 11, 27), "18:01")
    sent = await worker.run()
    [result] = [m for m in sent if m.chat.chat_id == GROUP_ID and m is not card]
    assert result.text == ("🏁 问卷结束 #1：<b>春游调查</b>，共收到 3 份，谢谢大家！\n"
                           "1. 去哪里？：公园\n2. 期待程度：平均 4.0")
    assert "妈妈" not in result.text
    assert "问卷已结束" in card.text and card.buttons == ()
    [closed] = (await open_card(people["小红妈妈"], card))
    assert closed.text == "这份问卷已经结束了。"
    assert await worker.run() == []  # closed once


async def test_close_by_command_is_for_its_creator_or_a_teacher(dialog, sessions, clock):
    teacher, rep, people = await survey_class(dialog)
    worker = SurveyWorker(dialog, sessions, clock)
    await post_survey(teacher, worker, SHORT)
    [refused] = await rep.private("/survey close 1")
    assert refused.text.startswith("只有本班老师")
    [closed] = await teacher.private("/survey close 1")
    assert closed.text == "🏁 问卷 #1 已结束，简要结果已发到班级群。完整结果：/survey results 1"
    sent = await worker.run()
    assert any(m.text.startswith("🏁 问卷结束 #1") for m in sent)
    [again] = await teacher.private("/survey close 1")
    assert again.text.startswith("问卷 #1 已经结束了。")


async def test_answering_in_the_middle_when_the_survey_closes_says_so(dialog, sessions, clock):
    _, rep, people = await survey_class(dialog)
    worker = SurveyWorker(dialog, sessions, clock)
    _, card = await post_survey(rep, worker, SHORT.replace("until: 11-27 18:00", "until: 09:20"))
    mum = people["小明妈妈"]
    _, question = await open_card(mum, card)
    set_local(clock, date(2026, 11, 24), "09:21")  # within the wait's half hour
    await worker.run()
    [answer] = await mum.press(question, "公园")
    assert answer.text == "这份问卷已经结束了。"
    assert (await survey_rows(sessions))["responses"] == []  # the unfinished draft went at closing
