"""Polls and surveys close at their `until`: the buttons go and the result is posted to the group."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.polls.close import close_poll
from handlers.polls.survey_close import close_survey
from models.polls import Poll
from models.surveys import Survey
from schedules.providers import Push, provider


@provider("poll_result")
async def closing(session: AsyncSession, now: datetime) -> list[Push]:
    due = (await session.scalars(select(Poll).where(Poll.closed_at.is_(None), Poll.until.is_not(None),
                                                    Poll.until <= now).order_by(Poll.until))).all()
    return [await close_poll(session, poll, poll.until) for poll in due]


@provider("survey_result")
async def survey_closing(session: AsyncSession, now: datetime) -> list[Push]:
    due = (await session.scalars(select(Survey).where(Survey.closed_at.is_(None), Survey.until.is_not(None),
                                                      Survey.until <= now).order_by(Survey.until))).all()
    return [await close_survey(session, survey, survey.until) for survey in due]
