"""The highlights digest: at each class's digest time (Friday 16:00 by default, class time zone) the week's
highlights are posted once — the digest row is unique per class and week, and every push has its own
de-duplication key, so a retried tick, a restart or a second replica posts nothing twice. Quiet hours and
a bot that was down are the outbox's business (a digest found late goes out within its grace period)."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.highlights.digest import publish
from handlers.highlights.weeks import decided, digest_at
from models import ClassGroup
from models.highlights import Highlight
from schedules.providers import Push, provider

log = logging.getLogger(__name__)


@provider("highlight_digest")
async def weekly_digests(session: AsyncSession, now: datetime) -> list[Push]:
    """Reads only the weeks that still have undecided highlights (a week with none posts nothing)."""
    weeks = (await session.execute(select(Highlight.class_id, Highlight.week_start)
                                   .where(Highlight.digest_id.is_(None)).distinct()
                                   .order_by(Highlight.class_id, Highlight.week_start))).all()
    pushes: list[Push] = []
    for class_id, week in weeks:
        class_group = await session.get(ClassGroup, class_id)
        due_at = digest_at(class_group, week)
        if due_at > now:
            continue
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
