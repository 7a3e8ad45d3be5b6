"""The sign-ups part of /report week: the lists open at some time in the week, each with its places taken
against its places, and the places taken in the week; per family, the volunteer points (志愿者积分, a place
held) earned in the week — taken in it and still held — as /signup stats counts points."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER
from handlers.core.declarations import ReportFigures
from models import ClassGroup, Person, Student, StudentStatus
from models.habit_rules import percent
from models.habit_schedule import local_day, moment
from models.signups import SignupEntry, SignupList, SignupSlot


async def signups_week(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime) -> ReportFigures:
    starts = moment(week, time(0, 0), class_group.timezone)
    ends = moment(week + timedelta(days=7), time(0, 0), class_group.timezone)
    lists = (await session.scalars(select(SignupList).where(
        SignupList.class_id == class_group.id, SignupList.created_at < ends, SignupList.created_at <= now,
        or_(SignupList.closed_at.is_(None), SignupList.closed_at >= starts)).order_by(SignupList.id))).all()
    in_week = (SignupEntry.taken_at >= starts, SignupEntry.taken_at < ends, SignupEntry.taken_at <= now)
    items, rates = [], []
    for signup in lists:
        places = await session.scalar(select(func.sum(SignupSlot.places)).where(SignupSlot.list_id == signup.id)) or 0
        taken = await session.scalar(select(func.count()).select_from(SignupEntry).where(
            SignupEntry.list_id == signup.id)) or 0
        taken_week = await session.scalar(select(func.count()).select_from(SignupEntry).where(
            SignupEntry.list_id == signup.id, *in_week)) or 0
        closed = signup.closed_at is not None and signup.closed_at <= now
        rate = percent(taken, places)
        items.append({"title": signup.title, "taken": taken, "places": places, "rate": rate, "taken_week": taken_week,
                      "closed": closed, "closed_on": local_day(signup.closed_at, class_group.timezone) if closed
                      else None})
        rates.append((signup.title, rate))
    return ReportFigures(items=items, columns=("reports.col_signup", "reports.col_taken", "reports.col_places",
                                               "reports.col_rate", "reports.col_taken_week", "reports.col_closed_on"),
                         cells=("title", "taken", "places", "rate", "taken_week", "closed_on"), rates=rates,
                         child_columns=("reports.col_child", "reports.col_points_week"),
                         child_rows=await week_points(session, class_group, in_week) if items else [])


async def week_points(session: AsyncSession, class_group: ClassGroup, in_week) -> list[list]:
    """Every child of the roster with its family's points of the week (0 too), then members who signed up in
    their own name (a teacher on duty) with theirs."""
    points: dict[str, int] = dict((await session.execute(
        select(SignupEntry.family, func.count()).join(SignupList, SignupList.id == SignupEntry.list_id)
        .where(SignupList.class_id == class_group.id, *in_week).group_by(SignupEntry.family))).all())
    students = (await session.scalars(select(Student).where(
        Student.class_id == class_group.id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all()
    rows = [[student.name, points.pop(f"s{student.id}", 0)] for student in students]
    others = [(int(family[1:]), count) for family, count in points.items() if family.startswith("p")]
    names = dict((await session.execute(select(Person.id, Person.display_name).where(
        Person.id.in_([person for person, _ in others])))).all()) if others else {}
    rows += [[names.get(person, "?"), count] for person, count in sorted(others)]
    return rows
