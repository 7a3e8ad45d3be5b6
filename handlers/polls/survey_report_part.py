"""The questionnaires' part of /report week: the surveys open at some time in the week, each with its
responses against those asked — the class's families for a per=family survey (its active children), else
everyone of the class but its teachers, as /survey status counts them. Counts only: an anonymous survey has
nothing else to give, and a named one's answers stay in /survey results."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.declarations import ReportFigures
from handlers.polls.survey_responses import respondent_count
from models import ClassGroup, Membership, Role, Student, StudentStatus
from models.habit_rules import percent
from models.habit_schedule import local_day, moment
from models.surveys import Survey


async def surveys_week(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime) -> ReportFigures:
    starts = moment(week, time(0, 0), class_group.timezone)
    ends = moment(week + timedelta(days=7), time(0, 0), class_group.timezone)
    surveys = (await session.scalars(select(Survey).where(
        Survey.class_id == class_group.id, Survey.created_at < ends,
        or_(Survey.closed_at.is_(None), Survey.closed_at >= starts)).order_by(Survey.id))).all()
    if not surveys:
        return ReportFigures(columns=_COLUMNS, cells=_CELLS)
    members = await session.scalar(select(func.count()).select_from(Membership).where(
        Membership.class_id == class_group.id, Membership.role != Role.teacher)) or 0
    families = await session.scalar(select(func.count()).select_from(Student).where(
        Student.class_id == class_group.id, Student.status == StudentStatus.active)) or 0
    items, rates = [], []
    for survey in surveys:
        answered = await respondent_count(session, survey)
        asked = families if survey.per_family else members
        closed = survey.closed_at is not None and survey.closed_at <= now
        rate = percent(answered, asked)
        items.append({"title": survey.title, "answered": answered, "asked": asked, "rate": rate,
                      "per_family": survey.per_family, "anonymous": survey.anonymous, "closed": closed,
                      "closed_on": local_day(survey.closed_at, class_group.timezone) if closed else None})
        rates.append((survey.title, rate))
    return ReportFigures(items=items, columns=_COLUMNS, cells=_CELLS, rates=rates)


_COLUMNS = ("reports.col_survey", "reports.col_answered", "reports.col_asked", "reports.col_rate",
            "reports.col_closed_on")
_CELLS = ("title", "answered", "asked", "rate", "closed_on")
