"""The next moment something is due, read from the rows that say when: a plan's daily post, nudge, stars,
certificates and summary, a scheduled message, a push waiting in the outbox (held past quiet hours, or
for a rate limit or a retry) and a count edit not applied yet."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import OutboxMessage, OutboxStatus, ScheduledMessage, TallyEdit
from models.habits import HabitPlan

PLAN_MOMENTS = (HabitPlan.next_post_at, HabitPlan.next_nudge_at, HabitPlan.next_stars_at,
                HabitPlan.next_certificates_at, HabitPlan.next_summary_at)


async def next_due(session: AsyncSession, after: datetime) -> datetime | None:
    """The earliest due time later than `after`, or None when nothing is scheduled."""
    queries = [select(func.min(column)).where(column > after) for column in PLAN_MOMENTS]
    queries.append(select(func.min(ScheduledMessage.send_at)).where(
        ScheduledMessage.send_at > after, ScheduledMessage.queued.is_(False), ScheduledMessage.cancelled.is_(False)))
    # next_attempt_at starts as not_before (the due time moved past quiet hours) and moves on with each retry.
    queries.append(select(func.min(OutboxMessage.next_attempt_at)).where(
        OutboxMessage.status == OutboxStatus.pending, OutboxMessage.next_attempt_at > after))
    queries.append(select(func.min(TallyEdit.next_attempt_at)).where(
        TallyEdit.applied_version < TallyEdit.version, TallyEdit.next_attempt_at > after))
    moments = [moment for query in queries if (moment := await session.scalar(query)) is not None]
    return min(moments, default=None)
