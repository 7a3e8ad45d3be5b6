"""A class for survey tests: the poll class (a teacher, 小红妈妈 the rep, three mums) plus 小明爸爸, a second
guardian of 小明, so that per=family has a family of two; the §7 block; and answering a survey privately."""
from __future__ import annotations

from sqlalchemy import select

from models.surveys import Survey, SurveyAnswer, SurveyResponse, SurveySalt
from support.dialog import GROUP_ID
from support.poll_class import PollWorker, poll_class

BLOCK = """/survey new per=family
title: 家长满意度调查
anonymous: {anonymous}
until: 2026-12-01 18:00
1. [single] 您对本学期家校沟通是否满意？ | 很满意 | 满意 | 一般 | 不满意
2. [multi] 您希望增加哪些活动？ | 亲子阅读 | 家长开放日 | 线上家长会
3. [rating 1-5] 孩子在家的阅读习惯
4. [text] 其他建议
5. [text?] 还有什么想说的"""


async def survey_class(dialog):
    """(teacher, rep, parents by name: 小明妈妈, 小明爸爸, 小红妈妈 (the rep), 小刚妈妈)."""
    teacher, rep, mums = await poll_class(dialog)
    async with dialog.dispatcher.sessions() as session:
        from models import ClassGroup

        code = await session.scalar(select(ClassGroup.join_code))
    dad = dialog.person("小明爸爸")
    await dad.private(f"/join {code} 小明 爸爸")
    [request] = [m for m in mums["小明"].inbox if "申请" in m.text]
    await mums["小明"].press(request, "同意")
    people = {"小明妈妈": mums["小明"], "小明爸爸": dad, "小红妈妈": rep, "小刚妈妈": mums["小刚"]}
    return teacher, rep, people


class SurveyWorker(PollWorker):
    """The polls' providers (a survey's card and its closing are among them) and a delivery pass."""


async def post_survey(asker, worker, text: str, *, private: bool = True):
    """Sends /survey new …, lets the worker post the card, and returns (the answers, the card in the group)."""
    answers = await (asker.private(text) if private else asker.group(text))
    await worker.run()
    return answers, asker.dialog.messenger.in_chat(GROUP_ID)[-1]


async def open_card(member, card):
    """What the card's "Answer" deep link does: /start sv-<id> in the private chat."""
    [url] = [button.url for row in card.reply.buttons for button in row if button.url]  # as first sent
    return await member.private("/start " + url.split("start=", 1)[1])


async def press(member, message, label: str):
    """Presses the button reading exactly `label` (a mark such as ✅ or ☑️ before it aside): 满意 is not 很满意."""
    from handlers.core.messages import ButtonPress

    for row in message.buttons:
        for button in row:
            if button.text == label or button.text.split(" ", 1)[-1] == label:
                return await member.send(message.chat, button=ButtonPress(button.action, button.args),
                                         message_id=message.message_id)
    raise AssertionError(f"no button {label!r} under: {message.text!r}")


def last_question(member):
    """The member's latest private message with buttons or a progress mark: the question being asked."""
    return [m for m in member.inbox if "/" in m.text.split("</b>", 1)[0]][-1]


async def answer_all(member, card, picks: list):
    """Opens the survey from the card and answers each question in turn: a label (a button), a list of
    labels (multi, then Done), a str starting with "text:" (a message), "back", or None (skip)."""
    await open_card(member, card)
    for pick in picks:
        question = last_question(member)
        if pick is None:
            await press(member, question, "跳过 ▶")
        elif pick == "back":
            await press(member, question, "◀ 上一题")
        elif isinstance(pick, list):
            for label in pick:
                await press(member, last_question(member), label)
            await press(member, last_question(member), "完成 ▶")
        elif pick.startswith("text:"):
            await member.private(pick[len("text:"):])
        else:
            await press(member, question, pick)
    return member.inbox[-1]


async def survey_rows(sessions):
    async with sessions() as session:
        return {
            "surveys": (await session.scalars(select(Survey).order_by(Survey.id))).all(),
            "responses": (await session.scalars(select(SurveyResponse).order_by(SurveyResponse.id))).all(),
            "answers": (await session.scalars(select(SurveyAnswer).order_by(SurveyAnswer.id))).all(),
            "salts": (await session.scalars(select(SurveySalt))).all(),
        }
