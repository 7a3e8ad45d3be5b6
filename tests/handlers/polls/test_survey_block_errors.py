"""A wrong §7 block is answered with the line number and reason of every mistake, all at once, and nothing
is written or posted; each kind of mistake on its own gets its own reason."""
import pytest

from support.dialog import GROUP_ID
from support.survey_class import survey_class, survey_rows

FIVE_MISTAKES = """/survey new
anonymous: maybe
until: 2026-13-01 18:00
1. [single] 您对本学期家校沟通是否满意？ | 很满意
3. [text] 其他建议
4. [scale 1-5] 孩子在家的阅读习惯
5. [multi] 您希望增加哪些活动？ | 亲子阅读 | 亲子阅读"""


async def test_a_block_with_five_mistakes_gets_each_line_number_and_reason_and_nothing_is_posted(dialog, sessions):
    teacher, _, _ = await survey_class(dialog)
    group_before = len(dialog.messenger.in_chat(GROUP_ID))
    [answer] = await teacher.private(FIVE_MISTAKES)
    *reasons, usage = answer.text.split("\n")
    assert usage.startswith("用法：<code>/survey new [per=family]")
    assert reasons == [
        "问卷没有发出，请改正后再发送：",
        "• 第 2 行：anonymous: 只能写 yes 或 no，不是“maybe”",
        "• 第 3 行：截止时间写成 YYYY-MM-DD HH:MM，不是“2026-13-01 18:00”",
        "• 第 4 行：选择题至少要有两个选项，用 | 分隔",
        "• 第 5 行：题号应为 2，不是 3",
        "• 第 6 行：不认识的题型 [scale 1-5]，可用 [single] [multi] [rating 1-5] [text] [text?]",
        "• 第 7 行：选项“亲子阅读”重复了",
        "• 缺少标题：加一行 title: 问卷标题",
    ]
    rows = await survey_rows(dialog.dispatcher.sessions)
    assert rows["surveys"] == [] and rows["salts"] == []
    assert len(dialog.messenger.in_chat(GROUP_ID)) == group_before


@pytest.mark.parametrize(("line", "reason"), [
    ("until: 2026-11-20 18:00", "截止时间 2026-11-20 18:00 已经过了"),
    ("per: class", "per: 只能写 family 或 person，不是“class”"),
    ("colour: red", "不认识的设置“colour”，可用 title、anonymous、until、per"),
    ("2. [rating 5-1] 评分", "评分范围“rating 5-1”不对，写成 [rating 1-5]（最高 10）"),
    ("2. [text] 建议 | 一 | 二", "[text] 题不带选项，请去掉 | 后面的内容"),
    ("2. [single]  | 是 | 否", "没有题目文字"),
    ("随便写点什么", "看不懂这一行“随便写点什么”：题目写成 1. [single] 问题 | 选项 | 选项"),
    ("title: 第二个标题", "title: 写了两次"),
])
async def test_each_mistake_has_its_reason(dialog, line, reason):
    teacher, _, _ = await survey_class(dialog)
    [answer] = await teacher.private(f"/survey new\ntitle: 调查\n1. [text?] 建议\n{line}")
    assert answer.text.startswith(f"问卷没有发出，请改正后再发送：\n• 第 4 行：{reason}\n用法：")


async def test_a_block_without_questions_says_so(dialog):
    teacher, _, _ = await survey_class(dialog)
    [answer] = await teacher.private("/survey new\ntitle: 调查")
    assert answer.text.startswith("问卷没有发出，请改正后再发送：\n• 问卷里还没有题目\n用法：")
