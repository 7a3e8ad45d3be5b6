"""The polls part of /report week: the polls open at some time in the week, each with its voters against the
members who may vote (everyone of the class but its teachers, as /poll status counts them)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.declarations import ReportFigures
from handlers.polls import ballots
from models import ClassGroup, Membership, Role
from models.habit_rules import percent
from models.habit_schedule import local_day, moment
from models.polls import Poll


async def polls_week(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime) -> ReportFigures:
    starts = moment(week, time(0, 0), class_group.timezone)
    ends = moment(week + timedelta(days=7), time(0, 0), class_group.timezone)
    polls = (await session.scalars(select(Poll).where(
        Poll.class_id == class_group.id, Poll.created_at < ends,
        or_(Poll.closed_at.is_(None), Poll.closed_at >= starts)).order_by(Poll.id))).all()
    members = await session.scalar(select(func.count()).select_from(Membership).where(
        Membership.class_id == class_group.id, Membership.role != Role.teacher)) or 0
    items, rates = [], []
    for poll in polls:
        voters = await ballots.voter_count(session, poll)
        closed = poll.closed_at is not None and poll.closed_at <= now
        rate = percent(voters, members)
        closed_on = local_day(poll.closed_at, class_group.timezone) if closed else None
        items.append({"question": poll.question, "voters": voters, "members": members, "rate": rate,
                      "closed": closed, "closed_on": closed_on})
        rates.append((poll.question, rate))
    return ReportFigures(items=items, columns=("reports.col_question", "reports.col_voters", "reports.col_members",
                                               "reports.col_rate", "reports.col_closed_on"),
                         cells=("question", "voters", "members", "rate", "closed_on"), rates=rates)
