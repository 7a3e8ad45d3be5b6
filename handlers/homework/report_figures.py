"""What /hw report shows of one card: per child the days submitted, the on-time rate and each day's grade,
and for score grading the class's average per day. A grade is the last review of the submission; a redo
that was not handed in again shows as 🔁, with no grade."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER
from models import Student, StudentStatus
from models.habit_rules import percent
from models.homework import (
    HomeworkCard,
    HomeworkOccurrence,
    HomeworkReview,
    HomeworkSubmission,
    HomeworkVersion,
)


@dataclass(frozen=True)
class DayEntry:
    """One child's homework of one day: absent when nothing was sent."""

    submission: HomeworkSubmission
    sent_at: datetime  # the current version's
    review: HomeworkReview | None


@dataclass
class ChildReport:
    name: str
    days: dict[date, DayEntry] = field(default_factory=dict)

    @property
    def submitted(self) -> int:
        return len(self.days)

    @property
    def on_time(self) -> int:
        return sum(1 for entry in self.days.values() if not entry.submission.late)

    def grade(self, day: date) -> int | None:
        entry = self.days.get(day)
        review = entry.review if entry else None
        return review.grade if review is not None and not review.redo else None

    def grades(self, days: list[date]) -> list[tuple[date, int]]:
        return [(day, grade) for day in days if (grade := self.grade(day)) is not None]


@dataclass(frozen=True)
class CardReport:
    card: HomeworkCard
    days: list[date]
    children: list[ChildReport]

    def on_time_rate(self, child: ChildReport) -> int:
        return percent(child.on_time, len(self.days))

    def class_average(self) -> list[tuple[date, int]]:
        """Each day's mean grade over the children graded that day (rounded)."""
        found = []
        for day in self.days:
            grades = [grade for child in self.children if (grade := child.grade(day)) is not None]
            if grades:
                found.append((day, round(sum(grades) / len(grades))))
        return found


async def card_report(session: AsyncSession, card: HomeworkCard) -> CardReport:
    occurrences = (await session.scalars(select(HomeworkOccurrence).where(HomeworkOccurrence.card_id == card.id)
                                         .order_by(HomeworkOccurrence.day))).all()
    day_of = {occurrence.id: occurrence.day for occurrence in occurrences}
    roster = (await session.scalars(select(Student).where(
        Student.class_id == card.class_id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all()
    children = {child.id: ChildReport(child.name) for child in roster}
    rows = await session.execute(
        select(HomeworkSubmission, HomeworkVersion.sent_at)
        .join(HomeworkVersion, (HomeworkVersion.submission_id == HomeworkSubmission.id)
              & (HomeworkVersion.number == HomeworkSubmission.version))
        .where(HomeworkSubmission.occurrence_id.in_(list(day_of))))
    submissions = [(submission, sent_at) for submission, sent_at in rows.all() if submission.student_id in children]
    reviews: dict[int, HomeworkReview] = {}
    for review in (await session.scalars(select(HomeworkReview).where(
            HomeworkReview.submission_id.in_([s.id for s, _ in submissions])).order_by(HomeworkReview.id))).all():
        reviews[review.submission_id] = review  # ordered by id: the last one stays
    for submission, sent_at in submissions:
        children[submission.student_id].days[day_of[submission.occurrence_id]] = DayEntry(
            submission, sent_at, reviews.get(submission.id))
    return CardReport(card, [occurrence.day for occurrence in occurrences], list(children.values()))
