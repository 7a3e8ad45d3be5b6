"""The demo class's closed anonymous questionnaire (the §7 parent-satisfaction survey, one answer per
family): answered by most families before it closed an hour ago, so `/survey results` has counts, charts
and suggestions to show, the sandbox group has its short result, and nobody can tell who answered what."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from handlers.core.outbox import enqueue
from handlers.polls import survey_responses
from handlers.polls.survey_close import close_survey
from models import ClassGroup, Membership, Role
from models.surveys import Survey

TITLE = "家长满意度调查"
QUESTIONS = [
    {"kind": "single", "text": "您对本学期家校沟通是否满意？", "options": ["很满意", "满意", "一般", "不满意"],
     "optional": False},
    {"kind": "multi", "text": "您希望增加哪些活动？", "options": ["亲子阅读", "家长开放日", "线上家长会"],
     "optional": False},
    {"kind": "rating", "text": "孩子在家的阅读习惯", "options": [], "optional": False, "low": 1, "high": 5},
    {"kind": "text", "text": "其他建议", "options": [], "optional": True},
]
SUGGESTIONS = ("希望多组织亲子阅读活动", "作业通知能再早一点发", "", "家长会可以安排在晚上", "", "谢谢老师们的付出")
# Each answering family's choices: (single, multi, rating); the suggestion comes from SUGGESTIONS in turn.
ANSWERS = ((0, {0, 1}, 4), (1, {0}, 3), (0, {2}, 5), (1, {0, 2}, 4), (2, {1}, 3), (0, {0}, 5), (1, {1, 2}, 4),
           (0, {0}, 4), (1, {0, 1, 2}, 2), (0, {2}, 5))


async def add_demo_survey(session, class_group: ClassGroup, now: datetime) -> None:
    members = (await session.execute(select(Membership.person_id, Membership.role).where(
        Membership.class_id == class_group.id).order_by(Membership.id))).all()
    teacher = next(person_id for person_id, role in members if role == Role.teacher)
    parents = [person_id for person_id, role in members if role != Role.teacher]
    survey = Survey(class_id=class_group.id, created_by=teacher, title=TITLE, questions=QUESTIONS, anonymous=True,
                    per_family=True, created_at=now - timedelta(days=4), until=now - timedelta(hours=1))
    session.add(survey)
    await session.flush()
    session.add(survey_responses.new_salt(survey))
    await session.flush()
    answered, families = 0, set()
    for person_id in parents:
        if answered == len(ANSWERS):
            break
        try:
            keys = await survey_responses.keys_of(session, survey, person_id)
        except ValueError:  # no child in the class
            continue
        if keys.final in families:  # the family answered through another guardian
            continue
        families.add(keys.final)
        single, multi, rating = ANSWERS[answered]
        draft = await survey_responses.start_draft(session, survey, keys)
        await survey_responses.set_answer(session, draft, 0, choices={single})
        await survey_responses.set_answer(session, draft, 1, choices=multi)
        await survey_responses.set_answer(session, draft, 2, choices={rating})
        suggestion = SUGGESTIONS[answered % len(SUGGESTIONS)]
        await survey_responses.set_answer(session, draft, 3, text=suggestion or None)
        await survey_responses.finish(session, survey, draft, keys)
        answered += 1
    # Closed now (an hour late, as a bot that was down would): the short result goes to the group.
    await enqueue(session, await close_survey(session, survey, now), now)
