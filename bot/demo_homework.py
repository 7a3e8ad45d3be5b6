"""The demo class's homework: a daily 口算 card, graded by score, with two weeks of submissions and reviews
behind it — most children hand in on time, a few late or not at all, and the scores climb from about 60
to about 92 — so that /hw report shows a real chart at once, and today's card is on its way to the group."""
from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import select

from handlers.core.clock import SystemClock
from handlers.homework.occurrences import open_occurrence, schedule_next
from models import ClassGroup, Guardianship, Membership, Role, Student
from models.habit_schedule import local_day, moment
from models.homework import (
    Grading,
    HomeworkCard,
    HomeworkOccurrence,
    HomeworkReview,
    HomeworkSubmission,
    HomeworkVersion,
    Repeat,
    SubmissionState,
)

DAYS_BEHIND = 14
DUE = time(20, 0)
FIRST_SCORE, LAST_SCORE = 60, 92


async def add_demo_homework(session, class_group: ClassGroup, now: datetime | None = None) -> HomeworkCard:
    # Imported here: the sandbox's cast imports bot.demo, which imports this module.
    from bot.sandbox.wiring import BOT_USERNAME  # the demo is for the sandbox, whose bot this is

    now = now or SystemClock().now()
    zone = class_group.timezone
    today = local_day(now, zone)
    teacher_id = await session.scalar(select(Membership.person_id).where(
        Membership.class_id == class_group.id, Membership.role == Role.teacher))
    card = HomeworkCard(class_id=class_group.id, created_by=teacher_id, subject="口算", content="每日10分钟口算打卡",
                        grading=Grading.score, repeat=Repeat.daily, due_time=DUE, until=None,
                        bot_username=BOT_USERNAME, created_at=now - timedelta(days=DAYS_BEHIND))
    session.add(card)
    await session.flush()
    families = dict((await session.execute(
        select(Guardianship.student_id, Guardianship.person_id).join(Student, Student.id == Guardianship.student_id)
        .where(Student.class_id == class_group.id))).all())
    children = (await session.scalars(select(Student).where(Student.class_id == class_group.id)
                                      .order_by(Student.id))).all()
    chance = random.Random(class_group.id)  # the same history every time for the same class
    for back in range(DAYS_BEHIND, 0, -1):
        day = today - timedelta(days=back)
        due = moment(day, DUE, zone)
        occurrence = HomeworkOccurrence(card_id=card.id, class_id=class_group.id, day=day, due_at=due,
                                        opened_at=moment(day, class_group.quiet_end, zone))
        session.add(occurrence)
        await session.flush()
        progress = (DAYS_BEHIND - back) / (DAYS_BEHIND - 1)
        for child in children:
            if child.id not in families or chance.random() < 0.08:
                continue  # a family that has not joined, or a day missed
            late = chance.random() < 0.1
            sent_at = due + timedelta(minutes=chance.randint(20, 90)) if late \
                else due - timedelta(minutes=chance.randint(30, 240))
            score = round(FIRST_SCORE + (LAST_SCORE - FIRST_SCORE) * progress + chance.uniform(-6, 6))
            submission = HomeworkSubmission(occurrence_id=occurrence.id, student_id=child.id, version=1, late=late,
                                            state=SubmissionState.reviewed, first_at=sent_at, updated_at=sent_at)
            session.add(submission)
            await session.flush()
            session.add_all([
                HomeworkVersion(submission_id=submission.id, number=1, text="口算20题", sent_by=families[child.id],
                                sent_at=sent_at, late=late),
                HomeworkReview(submission_id=submission.id, version=1, reviewer_id=teacher_id,
                               grade=max(0, min(100, score)), created_at=due + timedelta(hours=1, minutes=30)),
            ])
    await session.flush()
    if moment(today, DUE, zone) > now:  # today's card goes to the group now, the next one tomorrow
        await open_occurrence(session, card, class_group, today, now)
    schedule_next(card, class_group, today)
    return card
