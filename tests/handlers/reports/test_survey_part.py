"""The questionnaires' part of /report week: each survey open in the week with its responses against those
asked (families for per=family), counts only — for an anonymous survey as for a named one."""
import io

from openpyxl import load_workbook

from support.survey_class import BLOCK, SurveyWorker, answer_all, post_survey, survey_class


async def test_the_week_counts_each_surveys_responses_against_the_families_asked(dialog, sessions, clock):
    teacher, rep, people = await survey_class(dialog)
    worker = SurveyWorker(dialog, sessions, clock)
    _, card = await post_survey(rep, worker, BLOCK.format(anonymous="yes"))
    await answer_all(people["小明妈妈"], card, ["满意", ["亲子阅读"], "4", "text:多组织读书会", None])
    await answer_all(people["小红妈妈"], card, ["很满意", ["家长开放日"], "5", "text:希望多些户外活动", None])

    [answer, files] = await teacher.private("/report week")
    lines = answer.text.split("\n")
    part = lines[lines.index("<b>问卷</b>") + 1]
    assert part == "家长满意度调查：2/3 户已填（67%） · 匿名 · 进行中"
    assert "小明" not in part and "满意" not in part.replace("满意度", "")  # no name, no answer
    _, sheet = files.reply.media
    rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(sheet.data))["问卷"].iter_rows()]
    assert rows == [["班级", "问卷", "已填", "应填", "完成率%", "结束日期"],
                    ["三年级二班", "家长满意度调查", 2, 3, 67, None]]

    [for_rep, _] = await rep.private("/report week")
    assert "家长满意度调查：2/3 户已填（67%）" in for_rep.text
