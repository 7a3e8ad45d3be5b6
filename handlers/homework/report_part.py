"""The homework part of /report week: per card, the submissions of the week's class days so far against the
children on the roster times those days, and how many came on time; per child, submitted and on time."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER
from handlers.core.declarations import ReportFigures
from models import ClassGroup, Student, StudentStatus
from models.habit_rules import percent
from models.habit_schedule import local_day
from models.homework import HomeworkCard, HomeworkOccurrence, HomeworkSubmission


async def homework_week(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime) -> ReportFigures:
    last = min(week + timedelta(days=6), local_day(now, class_group.timezone))
    roster = (await session.scalars(select(Student).where(
        Student.class_id == class_group.id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all()
    rows = await session.execute(
        select(HomeworkCard, HomeworkOccurrence).join(HomeworkOccurrence, HomeworkOccurrence.card_id == HomeworkCard.id)
        .where(HomeworkCard.class_id == class_group.id, HomeworkOccurrence.day >= week, HomeworkOccurrence.day <= last)
        .order_by(HomeworkCard.id, HomeworkOccurrence.day))
    cards: dict[int, tuple[HomeworkCard, list[int]]] = {}
    for card, occurrence in rows.all():
        cards.setdefault(card.id, (card, []))[1].append(occurrence.id)
    items, rates, child_rows = [], [], []
    for card, occurrence_ids in cards.values():
        sent: dict[int, list[bool]] = {}
        for student_id, late in (await session.execute(select(
                HomeworkSubmission.student_id, HomeworkSubmission.late).where(
                HomeworkSubmission.occurrence_id.in_(occurrence_ids)))).all():
            sent.setdefault(student_id, []).append(late)
        expected = len(roster) * len(occurrence_ids)
        submitted = sum(len(sent.get(child.id, ())) for child in roster)
        on_time = sum(1 for child in roster for late in sent.get(child.id, ()) if not late)
        rate = percent(submitted, expected)
        items.append({"subject": card.subject, "days": len(occurrence_ids), "expected": expected,
                      "submitted": submitted, "on_time": on_time, "rate": rate,
                      "on_time_rate": percent(on_time, expected)})
        rates.append((card.subject, rate))
        for child in roster:
            lates = sent.get(child.id, [])
            child_rows.append([child.name, card.subject, len(lates), sum(1 for late in lates if not late),
                               len(occurrence_ids)])
    return ReportFigures(items=items, columns=("reports.col_subject", "reports.col_days", "reports.col_expected",
                                               "reports.col_submitted", "reports.col_on_time", "reports.col_rate",
                                               "reports.col_on_time_rate"),
                         cells=("subject", "days", "expected", "submitted", "on_time", "rate", "on_time_rate"),
                         rates=rates,
                         child_columns=("reports.col_child", "reports.col_subject", "reports.col_submitted",
                                        "reports.col_on_time", "reports.col_days"),
                         child_rows=child_rows)
