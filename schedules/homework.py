"""The homework feature's pushes: each class day's card of a repeating homework, the group's count two hours
before due, the private nudge one hour before due, and the teacher's summary once it is due.

A count or a nudge speaks of homework still to hand in, so one that could only go out at or after the due
time (the bot was down, or the class's quiet hours would hold it until then) is skipped with a log line.
A day whose homework is already due when the bot gets to it opens no card: the next class day's does."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import guardians_of, teachers_of
from handlers.core.messages import PersonTarget
from handlers.core.people import types_words
from handlers.core.pushes import is_stale
from handlers.core.texts import render
from handlers.homework.card_post import count_push
from handlers.homework.occurrences import due_clock, open_occurrence, schedule_next
from handlers.homework.status import standing
from models import ClassGroup
from models.habit_schedule import local_day, moment
from models.homework import HomeworkCard, HomeworkOccurrence
from models.quiet_hours import quiet_hours_end
from schedules.providers import Push, provider

log = logging.getLogger(__name__)


async def _due_occurrences(session: AsyncSession, column, now: datetime):
    # Ordered by `column` first so its index serves the order too.
    rows = await session.execute(
        select(HomeworkOccurrence, HomeworkCard, ClassGroup)
        .join(HomeworkCard, HomeworkCard.id == HomeworkOccurrence.card_id)
        .join(ClassGroup, ClassGroup.id == HomeworkOccurrence.class_id)
        .where(column <= now).order_by(column, HomeworkOccurrence.id))
    return [tuple(row) for row in rows.all()]


def _goes_out_before_due(occurrence: HomeworkOccurrence, class_group: ClassGroup, now: datetime) -> bool:
    """Whether a push made now reaches families while the homework is still open (quiet hours hold pushes)."""
    sent_at = quiet_hours_end(now, class_group.timezone, class_group.quiet_start, class_group.quiet_end)
    return sent_at < occurrence.due_at


@provider("homework_card")
async def open_cards(session: AsyncSession, now: datetime) -> list[Push]:
    """Opens the day's occurrence of every repeating card whose time has come; its card goes straight to the
    outbox (open_occurrence queues it, as /hw new does), so there is nothing to hand back."""
    rows = await session.execute(
        select(HomeworkCard, ClassGroup).join(ClassGroup, ClassGroup.id == HomeworkCard.class_id)
        .where(HomeworkCard.next_open_at <= now).order_by(HomeworkCard.next_open_at, HomeworkCard.id))
    for card, class_group in rows.all():
        while card.next_open_at is not None and card.next_open_at <= now:
            day = local_day(card.next_open_at, class_group.timezone)
            schedule_next(card, class_group, day)
            if moment(day, card.due_time, class_group.timezone) <= now:
                log.info("homework card %s: the day %s was due before it could open; skipped", card.id, day)
                continue
            await open_occurrence(session, card, class_group, day, now)
    return []


@provider("homework_count")
async def group_counts(session: AsyncSession, now: datetime) -> list[Push]:
    """The count only (📚 口算打卡 已交 35/40), as a live tally later submissions edit."""
    pushes = []
    for occurrence, card, class_group in await _due_occurrences(session, HomeworkOccurrence.next_count_at, now):
        due_at, occurrence.next_count_at = occurrence.next_count_at, None
        if is_stale("homework_count", due_at, now) or not _goes_out_before_due(occurrence, class_group, now):
            # Not queued at all: a count that is never posted must not be refreshed as if it had been.
            log.info("homework occurrence %s: its count is stale; skipped", occurrence.id)
            continue
        pushes.append(await count_push(session, card, occurrence, class_group, due_at))
        occurrence.count_posted_at = now  # from now on a submission refreshes this message too
    return pushes


@provider("homework_nudge")
async def nudges(session: AsyncSession, now: datetime) -> list[Push]:
    """Privately, to each reachable guardian of a child still missing; none when the teacher has already
    sent the "remind the missing" of this occurrence (families are reminded once)."""
    pushes = []
    for occurrence, card, class_group in await _due_occurrences(session, HomeworkOccurrence.next_nudge_at, now):
        due_at, occurrence.next_nudge_at = occurrence.next_nudge_at, None
        if occurrence.reminded_at is not None:
            continue
        if not _goes_out_before_due(occurrence, class_group, now):
            log.info("homework occurrence %s: its nudge would come after the due time; skipped", occurrence.id)
            continue
        missing = (await standing(session, occurrence)).missing
        guardians = await guardians_of(session, [child.id for child in missing], reachable_only=True)
        for child in missing:
            for person in guardians[child.id]:
                text = render(person.language, "homework.nudge", subject=card.subject, child=child.name,
                              due=due_clock(occurrence, class_group), late=False,
                              wechat=await types_words(session, person.id, class_group.platform))
                pushes.append(Push(dedup_key=f"hw-nudge:occ={occurrence.id}:child={child.id}:person={person.id}",
                                   kind="homework_nudge", due_at=due_at, class_id=class_group.id,
                                   target=PersonTarget(person.id), text=text))
    return pushes


@provider("homework_summary")
async def summaries(session: AsyncSession, now: datetime) -> list[Push]:
    """After the due time, each teacher of the class privately: the counts and who is missing."""
    pushes = []
    for occurrence, card, class_group in await _due_occurrences(session, HomeworkOccurrence.next_summary_at, now):
        due_at, occurrence.next_summary_at = occurrence.next_summary_at, None
        figures = await standing(session, occurrence)
        for teacher in await teachers_of(session, class_group.id):
            text = render(teacher.language, "homework.summary", subject=card.subject, day=occurrence.day,
                          figures=figures, missing=[child.name for child in figures.missing])
            pushes.append(Push(dedup_key=f"hw-summary:occ={occurrence.id}:person={teacher.id}",
                               kind="homework_summary", due_at=due_at, class_id=class_group.id,
                               target=PersonTarget(teacher.id), text=text))
    return pushes
