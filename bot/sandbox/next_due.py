"""The next moment something is due, read from the rows that say when: a plan's daily post, nudge, stars,
certificates and summary, a scheduled message, a push waiting in the outbox (held past quiet hours, or
for a rate limit or a retry), a count edit not applied yet, a scheduled notice or its reminder, an
event's check-in closing, a homework card's next day and its occurrence's count, nudge and summary, a poll's
or a questionnaire's deadline, and a teacher's weekly report. (The highlights digest is a class setting, not a
row; a week's highlights and the plans' moments bring the clock to Friday anyway.)"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import OutboxMessage, OutboxStatus, ScheduledMessage, TallyEdit
from models.events import Event
from models.habits import HabitPlan
from models.homework import HomeworkCard, HomeworkOccurrence
from models.notices import Notice
from models.polls import Poll
from models.reports import ReportSchedule
from models.surveys import Survey

PLAN_MOMENTS = (HabitPlan.next_post_at, HabitPlan.next_nudge_at, HabitPlan.next_stars_at,
                HabitPlan.next_certificates_at, HabitPlan.next_summary_at)
# Columns that are cleared (None) once their moment has been handled.
OTHER_MOMENTS = (HomeworkCard.next_open_at, HomeworkOccurrence.next_count_at, HomeworkOccurrence.next_nudge_at,
                 HomeworkOccurrence.next_summary_at, ReportSchedule.next_at)


async def next_due(session: AsyncSession, after: datetime) -> datetime | None:
    """The earliest due time later than `after`, or None when nothing is scheduled."""
    queries = [select(func.min(column)).where(column > after) for column in PLAN_MOMENTS + OTHER_MOMENTS]
    queries += [select(func.min(kind.until)).where(kind.closed_at.is_(None), kind.until > after)
                for kind in (Poll, Survey)]
    queries.append(select(func.min(ScheduledMessage.send_at)).where(
        ScheduledMessage.send_at > after, ScheduledMessage.queued.is_(False), ScheduledMessage.cancelled.is_(False)))
    # next_attempt_at starts as not_before (the due time moved past quiet hours) and moves on with each retry.
    queries.append(select(func.min(OutboxMessage.next_attempt_at)).where(
        OutboxMessage.status == OutboxStatus.pending, OutboxMessage.next_attempt_at > after))
    queries.append(select(func.min(TallyEdit.next_attempt_at)).where(
        TallyEdit.applied_version < TallyEdit.version, TallyEdit.next_attempt_at > after))
    # A scheduled notice, a notice's reminder, an event's check-in closing (its attendance to the teacher).
    queries.append(select(func.min(Notice.post_at)).where(Notice.posted_at.is_(None), Notice.post_at > after))
    queries.append(select(func.min(Notice.remind_at)).where(Notice.reminded_at.is_(None), Notice.remind_at > after))
    queries.append(select(func.min(Event.checkin_closes_at)).where(
        Event.attendance_sent_at.is_(None), Event.checkin_closes_at > after))
    moments = [moment for query in queries if (moment := await session.scalar(query)) is not None]
    return min(moments, default=None)
