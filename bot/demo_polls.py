"""The demo class's open named poll (the rep asks where Friday's family outing goes), with some votes in,
so `/poll status` has people who have not voted and the sandbox group shows the live tally; and its closed
anonymous questionnaire (bot/demo_surveys.py)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot.demo_surveys import add_demo_survey
from handlers.core.outbox import enqueue
from handlers.polls import ballots
from handlers.polls.tally import poll_push
from models import ClassGroup, Membership, Role
from models.polls import Poll

QUESTION = "周五亲子活动去哪里？"
OPTIONS = ["公园野餐", "科技馆", "图书馆"]
VOTES = (0, 1, 0, 0, 2, 0, 1, 0, 1, 0, 0, 2)  # the first twelve parents' choices; the rest have not voted


async def add_demo_polls(session, class_group: ClassGroup, now: datetime) -> None:
    members = (await session.execute(select(Membership.person_id, Membership.role).where(
        Membership.class_id == class_group.id).order_by(Membership.id))).all()
    rep = next(person_id for person_id, role in members if role == Role.rep)
    parents = [person_id for person_id, role in members if role == Role.parent]
    poll = Poll(class_id=class_group.id, created_by=rep, question=QUESTION, options=OPTIONS, multi=False,
                anonymous=False, created_at=now, until=now + timedelta(days=3))
    session.add(poll)
    await session.flush()
    for person_id, option in zip(parents, VOTES, strict=False):
        await ballots.choose(session, poll, person_id, {option})
    await enqueue(session, await poll_push(session, poll, class_group, now), now)
    await add_demo_survey(session, class_group, now)  # a closed anonymous survey with results
