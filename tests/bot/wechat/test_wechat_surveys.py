"""A survey answered on the Official Account, which has no buttons: 问卷 opens the latest open survey, each
question's buttons become a numbered reply, a text question takes the next message, and the thank-you
comes at the end, all as passive replies."""
from sqlalchemy import select

from models.surveys import SurveyAnswer, SurveyResponse
from support.wechat_seeds import class_with_teacher
from support.wechat_users import WeChatUser

BLOCK = """/survey new
title: 家长满意度调查
anonymous: yes
1. [single] 您对本学期家校沟通是否满意？ | 很满意 | 满意 | 一般
2. [multi] 您希望增加哪些活动？ | 亲子阅读 | 家长开放日
3. [rating 1-5] 孩子在家的阅读习惯
4. [text?] 其他建议"""


async def test_a_parent_answers_a_survey_by_numbers_and_text(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher")
    teacher = WeChatUser(side.client, side.clock, "oTeacher")
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    assert mum.passive_text(await mum.send("加入 ABC234 小明 妈妈")).startswith("✅")
    assert teacher.passive_text(await teacher.send(BLOCK)).startswith("✅ 问卷 #1 已发到班级群。")

    first = mum.passive_text(await mum.send("问卷"))
    assert first.startswith("📝 家长满意度调查：共 4 题。匿名问卷：不会记录是谁填的。")
    assert "1/4 您对本学期家校沟通是否满意？（单选）" in first and "<b>" not in first
    assert "回复数字：1 很满意  2 满意  3 一般" in first
    second = mum.passive_text(await mum.send("2"))
    assert "2/4 您希望增加哪些活动？（多选）" in second
    assert "回复数字：1 ⬜ 亲子阅读  2 ⬜ 家长开放日  3 ◀ 上一题  4 完成 ▶" in second
    assert "1 ☑️ 亲子阅读" in mum.passive_text(await mum.send("1"))
    third = mum.passive_text(await mum.send("4"))
    assert "3/4 孩子在家的阅读习惯（评分 1–5）" in third
    assert "回复数字：1 1  2 2  3 3  4 4  5 5  6 ◀ 上一题" in third
    fourth = mum.passive_text(await mum.send("5"))
    assert "4/4 其他建议（文字，选填）" in fourth
    thanks = mum.passive_text(await mum.send("希望多组织亲子阅读"))
    assert thanks.startswith("🙏 谢谢！“家长满意度调查”的答案已收到。")
    async with sessions() as session:
        [response] = (await session.scalars(select(SurveyResponse))).all()
        answers = sorted((a.question, a.choice, a.text) for a in (await session.scalars(select(SurveyAnswer))).all())
    assert not response.draft and response.person_id is None
    assert answers == [(0, 1, None), (1, 0, None), (2, 5, None), (3, None, "希望多组织亲子阅读")]
