"""/survey: the §7 block answered by three families (one response per family), with restarts, a skipped
`[text?]`, back, and the results and exports checked cell by cell; the block sent in the next message."""
import csv
import io

from openpyxl import load_workbook

from support.dialog import GROUP_ID
from support.survey_class import (
    BLOCK,
    SurveyWorker,
    answer_all,
    last_question,
    open_card,
    post_survey,
    press,
    survey_class,
    survey_rows,
)

HEADER = ["#", "家庭", "1. 您对本学期家校沟通是否满意？", "2. 您希望增加哪些活动？", "3. 孩子在家的阅读习惯",
          "4. 其他建议", "5. 还有什么想说的"]
ROWS = [
    ["1", "小刚妈妈（小刚）", "一般", "亲子阅读", "3", "作业少一点", ""],
    ["2", "小明爸爸（小明）", "很满意", "家长开放日; 线上家长会", "5", "周末也可以活动", ""],
    ["3", "小红妈妈（小红）", "很满意", "家长开放日", "5", "希望多些户外活动", "谢谢老师"],
]


async def test_the_block_is_posted_as_a_card_with_an_answer_link(dialog, sessions, clock):
    _, rep, _ = await survey_class(dialog)
    answers, card = await post_survey(rep, SurveyWorker(dialog, sessions, clock), BLOCK.format(anonymous="no"))
    [survey] = (await survey_rows(sessions))["surveys"]
    assert answers[0].text.startswith(f"✅ 问卷 #{survey.id} 已发到班级群。")
    assert card.chat.chat_id == GROUP_ID
    assert card.text.startswith(f"📝 <b>家长满意度调查</b>（#{survey.id} · 每户一份）\n"
                                "共 5 题 · 已填 0 份 · 12月1日 18:00 截止")
    assert [button.url for row in card.buttons for button in row] == [
        f"https://t.me/ClassBridgeBot?start=sv-{survey.id}"]
    assert [q["kind"] for q in survey.questions] == ["single", "multi", "rating", "text", "text"]
    assert [q["optional"] for q in survey.questions] == [False, False, False, False, True]
    assert survey.questions[0]["options"] == ["很满意", "满意", "一般", "不满意"]
    assert (survey.anonymous, survey.per_family, survey.questions[2]["low"], survey.questions[2]["high"]) == (
        False, True, 1, 5)


async def test_one_question_at_a_time_with_progress_buttons_back_and_skip(dialog, sessions, clock):
    _, rep, people = await survey_class(dialog)
    _, card = await post_survey(rep, SurveyWorker(dialog, sessions, clock), BLOCK.format(anonymous="no"))
    mum = people["小明妈妈"]
    intro, first = await open_card(mum, card)
    assert intro.text == "📝 <b>家长满意度调查</b>：共 5 题，12月1日 18:00 截止。"
    assert first.text.startswith("<b>1/5</b> 您对本学期家校沟通是否满意？（单选）")
    assert [[b.text for b in row] for row in first.buttons] == [["很满意"], ["满意"], ["一般"], ["不满意"]]
    [second] = await press(mum, first, "满意")
    assert second.text.startswith("<b>2/5</b> 您希望增加哪些活动？（多选）")
    [toggled] = await press(mum, second, "亲子阅读")
    assert toggled is second  # a toggle edits the question in place
    assert [[b.text for b in row] for row in second.buttons] == [
        ["☑️ 亲子阅读"], ["⬜ 家长开放日"], ["⬜ 线上家长会"], ["◀ 上一题", "完成 ▶"]]
    [back] = await press(mum, second, "◀ 上一题")
    assert back.text.startswith("<b>1/5</b>") and "当前选择：满意" in back.text
    assert [b.text for b in back.buttons[1]] == ["✅ 满意"]
    [again] = await press(mum, back, "保留，下一题 ▶")
    assert "当前选择：亲子阅读" in again.text  # the multi answer is kept while going back and forth
    [rating] = await press(mum, again, "完成 ▶")
    assert rating.text.startswith("<b>3/5</b> 孩子在家的阅读习惯（评分 1–5）")
    assert [b.text for b in rating.buttons[0]] == ["1", "2", "3", "4", "5"]
    [nudge] = await mum.private("很好")  # text where a button is wanted: asked again, nothing recorded
    assert nudge.text.startswith("请点下面的按钮作答。\n<b>3/5</b>")
    [text] = await mum.private("4")  # a rating may be typed as well as tapped
    assert text.text.startswith("<b>4/5</b> 其他建议（文字）\n请直接发文字回复。")
    [optional] = await mum.private("多组织读书会")
    assert optional.text.startswith("<b>5/5</b> 还有什么想说的（文字，选填）")
    assert [b.text for b in optional.buttons[-1]] == ["◀ 上一题", "跳过 ▶"]
    [thanks] = await press(mum, optional, "跳过 ▶")
    assert thanks.text == "🙏 谢谢！“家长满意度调查”的答案已收到。12月1日 18:00 前可以发送 /survey answer 1 重新填写。"
    rows = await survey_rows(sessions)
    assert [(r.draft, r.respondent) for r in rows["responses"]] == [(False, f"family:{r.student_id}")
                                                                   for r in rows["responses"]]
    assert sorted((a.question, a.choice, a.text) for a in rows["answers"]) == [
        (0, 1, None), (1, 0, None), (2, 4, None), (3, None, "多组织读书会")]


async def _three_families(dialog, sessions, clock):
    """The §7 block answered by three families; 小红妈妈 goes back from the rating to the multi question and
    on, 小明's family answers twice (mum, then dad restarts), and 小刚妈妈 starts again but stops halfway,
    which keeps her answers."""
    teacher, rep, people = await survey_class(dialog)
    worker = SurveyWorker(dialog, sessions, clock)
    _, card = await post_survey(rep, worker, BLOCK.format(anonymous="no"))
    await answer_all(people["小明妈妈"], card, ["满意", ["亲子阅读", "线上家长会"], "4", "text:多组织读书会", None])
    await answer_all(people["小红妈妈"], card,
                     ["很满意", ["家长开放日"], "back", [], "5", "text:希望多些户外活动", "text:谢谢老师"])
    await answer_all(people["小刚妈妈"], card, ["一般", ["亲子阅读"], "3", "text:作业少一点", None])
    dad = people["小明爸爸"]
    intro, _ = await open_card(dad, card)
    assert "你家已经填过了：这次填完会替换上次的答案，中途放弃则保留上次的。" in intro.text
    thanks = await answer_all(dad, card, ["很满意", ["家长开放日", "线上家长会"], "5", "text:周末也可以活动", None])
    assert thanks.text.startswith("🙏 谢谢！“家长满意度调查”的新答案已替换上次的。")
    gang = people["小刚妈妈"]
    await open_card(gang, card)
    await press(gang, last_question(gang), "不满意")
    await gang.private("/cancel")
    return teacher, rep, people, worker, card


async def test_three_families_answer_once_each_and_the_card_counts_them(dialog, sessions, clock):
    _, _, _, worker, card = await _three_families(dialog, sessions, clock)
    await worker.run()
    assert "已填 3 份" in card.text and "妈妈" not in card.text and "爸爸" not in card.text
    rows = await survey_rows(sessions)
    assert sum(not r.draft for r in rows["responses"]) == 3  # one per family: dad's replaced mum's


async def test_results_count_each_option_with_percentages_charts_and_the_texts(dialog, sessions, clock):
    teacher, _, _, _, _ = await _three_families(dialog, sessions, clock)
    [results] = await teacher.private("/survey results 1")
    text = results.text
    assert text.startswith("📊 问卷结果 #1：<b>家长满意度调查</b>\n共 3 份（每户一份）")
    assert "<b>1. 您对本学期家校沟通是否满意？</b>（单选，3 人回答）\n很满意　████████ 2（67%）\n满意　 0（0%）\n" \
           "一般　████ 1（33%）\n不满意　 0（0%）" in text
    assert "亲子阅读　████ 1（33%）\n家长开放日　████████ 2（67%）\n线上家长会　████ 1（33%）" in text
    assert "3　████ 1（33%）\n4　 0（0%）\n5　████████ 2（67%）\n平均 4.3" in text
    assert ("• 作业少一点 —— 小刚妈妈（小刚）\n• 周末也可以活动 —— 小明爸爸（小明）\n"
            "• 希望多些户外活动 —— 小红妈妈（小红）") in text
    assert "多组织读书会" not in text  # replaced by dad's restart
    assert "<b>5. 还有什么想说的</b>（文字，选填，1 人回答）\n• 谢谢老师 —— 小红妈妈（小红）" in text
    assert [m.file_name for m in results.reply.media] == ["survey-1-q1.png", "survey-1-q2.png", "survey-1-q3.png"]
    assert all(m.kind == "photo" and m.data.startswith(b"\x89PNG") for m in results.reply.media)


async def test_the_export_is_a_csv_with_a_bom_and_an_xlsx_with_the_same_cells(dialog, sessions, clock):
    _, rep, _, _, _ = await _three_families(dialog, sessions, clock)
    [export] = await rep.private("/survey export 1")
    assert export.text == "📎 问卷 #1“家长满意度调查”：3 份答案，CSV 和 Excel 各一份。"
    csv_file, xlsx_file = export.reply.media
    assert (csv_file.file_name, xlsx_file.file_name) == ("survey-1.csv", "survey-1.xlsx")
    assert csv_file.data.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(csv_file.data.decode("utf-8-sig")))) == [HEADER, *ROWS]
    sheet = load_workbook(io.BytesIO(xlsx_file.data)).active
    assert sheet.title == "家长满意度调查"
    cells = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == [HEADER, *ROWS]
    assert sheet["E3"].value == 5 and sheet["A2"].value == 1  # numbers stay numbers


async def test_a_written_answer_that_looks_like_a_formula_stays_text_in_the_export(dialog, sessions, clock):
    teacher, rep, people = await survey_class(dialog)
    _, card = await post_survey(rep, SurveyWorker(dialog, sessions, clock), BLOCK.format(anonymous="no"))
    await answer_all(people["小刚妈妈"], card, ["一般", ["亲子阅读"], "3", 'text:=HYPERLINK("http://x","y")', None])
    [export] = await teacher.private("/survey export 1")
    sheet = load_workbook(io.BytesIO(export.reply.media[1].data)).active
    assert sheet["F2"].value == '\'=HYPERLINK("http://x","y")' and sheet["F2"].data_type == "s"


async def test_the_block_can_come_in_the_next_message_and_a_wrong_one_can_be_sent_again(dialog, sessions, clock):
    teacher, _, _ = await survey_class(dialog)
    worker = SurveyWorker(dialog, sessions, clock)
    [ask] = await teacher.private("/survey new")
    assert ask.text.startswith("请发送问卷内容，例如：")
    [wrong] = await teacher.private("title: 春游调查\n1. [single] 去哪里？ | 公园")
    assert wrong.text == "问卷没有发出，请改正后再发送：\n• 第 2 行：选择题至少要有两个选项，用 | 分隔"
    assert (await survey_rows(sessions))["surveys"] == []
    [done] = await teacher.private("title: 春游调查\n1. [single] 去哪里？ | 公园 | 科技馆\n2. [text?] 建议")
    assert done.text.startswith("✅ 问卷 #1 已发到班级群。")
    await worker.run()
    card = dialog.messenger.in_chat(GROUP_ID)[-1]
    assert card.text.startswith("📝 <b>春游调查</b>（#1）\n共 2 题 · 已填 0 份\n")


async def test_a_survey_posted_in_the_group_needs_no_answer_there(dialog, sessions, clock):
    _, rep, _ = await survey_class(dialog)
    answers, card = await post_survey(rep, SurveyWorker(dialog, sessions, clock), BLOCK.format(anonymous="yes"),
                                      private=False)
    assert answers == []
    assert "匿名问卷：谁也看不到谁填了什么。" in card.text


async def test_a_teacher_of_two_classes_chooses_the_class_and_the_block_goes_with_the_choice(dialog, sessions, clock):
    teacher = dialog.person("王老师", admin_of=("-1001", "-1002"))
    await teacher.group("/setup 一班", chat_id="-1001")
    await teacher.group("/setup 二班", chat_id="-1002")
    [question] = await teacher.private("/survey new\ntitle: 春游调查\n1. [single] 去哪里？ | 公园 | 科技馆")
    assert "哪个班级" in question.text
    replies = await teacher.press(question, "二班")
    assert any(reply.text.startswith("✅ 问卷 #1 已发到班级群。") for reply in replies)
    await SurveyWorker(dialog, sessions, clock).run()
    [card] = dialog.messenger.in_chat("-1002")[-1:]
    assert card.text.startswith("📝 <b>春游调查</b>")
    assert [q["options"] for q in (await survey_rows(sessions))["surveys"][0].questions] == [["公园", "科技馆"]]


async def test_the_keyword_answers_the_latest_open_survey_and_a_stranger_cannot_answer(dialog, sessions, clock):
    _, rep, people = await survey_class(dialog)
    await post_survey(rep, SurveyWorker(dialog, sessions, clock), BLOCK.format(anonymous="no"))
    intro, first = await people["小刚妈妈"].private("问卷")
    assert intro.text.startswith("📝 <b>家长满意度调查</b>") and first.text.startswith("<b>1/5</b>")
    stranger = dialog.person("路人")
    [refused] = await stranger.private("/start sv-1")
    assert refused.text == "这份问卷是给班级成员的，请先加入班级。"
    [none] = await stranger.private("问卷")
    assert none.text.startswith("你还没有加入任何班级。")
