"""The highlights digest: at each class's digest time (Friday 16:00 by default, class time zone) the week's
highlights are posted once — the digest row is unique per class and week, and every push has its own
de-duplication key, so a retried tick, a restart or a second replica posts nothing twice. Quiet hours and
a bot that was down are the outbox's business (a digest found late goes out within its grace period)."""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.highlights.digest import publish
from handlers.highlights.weeks import decided, digest_moment
from models import ClassGroup
from models.highlights import Highlight
from schedules.providers import Push, provider

log = logging.getLogger(__name__)


@provider("highlight_digest")
async def weekly_digests(session: AsyncSession, now: datetime) -> list[Push]:
    """Reads only the weeks that still have undecided highlights (a week with none posts nothing), and of
    those only the ones whose digest day may have come: most classes have a week open at every tick."""
    weeks = (await session.execute(
        select(Highlight.class_id, Highlight.week_start, ClassGroup.digest_weekday, ClassGroup.digest_time,
               ClassGroup.timezone).join(ClassGroup, ClassGroup.id == Highlight.class_id)
        .where(Highlight.digest_id.is_(None), _digest_day_may_have_come(now)).distinct()
        .order_by(Highlight.class_id, Highlight.week_start))).all()
    pushes: list[Push] = []
    for class_id, week, weekday, at, zone in weeks:
        due_at = digest_moment(week, weekday, at, zone)
        if due_at > now:
            continue
        class_group = await session.get(ClassGroup, class_id)
        existing = await decided(session, class_id, week)
        if existing is not None:
            # Recorded while its week was being decided: it closes with that week rather than post twice.
            log.info("class %s: a highlight of decided week %s closed unposted", class_id, week)
            await session.execute(update(Highlight).where(
                Highlight.class_id == class_id, Highlight.week_start == week, Highlight.digest_id.is_(None))
                .values(digest_id=existing.id))
            continue
        pushes += await publish(session, class_group, week, now, due_at)
    return pushes


def _digest_day_may_have_come(now: datetime):
    """True in the store for every week whose digest day (week start + the class's digest weekday) is no
    later than the latest local date anywhere now, UTC's date + 1; the exact moment is checked in Python.
    A week that started more than six days before that date has reached every weekday by then."""
    latest = now.astimezone(UTC).date() + timedelta(days=1)
    recent = [latest - timedelta(days=back) for back in range(7)]
    return or_(Highlight.week_start < recent[-1],
               *(and_(Highlight.week_start == week, ClassGroup.digest_weekday <= (latest - week).days)
                 for week in recent))
