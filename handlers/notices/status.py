"""/notice status <id> (privately; its creator or a teacher): the count, and the families that have not
confirmed — each child with its guardians — and whether the reminder went, with the ⬇️ CSV / XLSX of every
family's confirmation (handlers.notices.downloads). Names appear only here."""
from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import guardians_of
from handlers.core import exports
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.notices import confirmations, lookup
from models import ClassGroup, Student
from models.notices import Notice

CONFIRMATIONS_EXPORT = "notice-confirmations"  # handlers.notices.downloads


@dataclass(frozen=True)
class Family:
    child: str
    guardians: list[str]


async def unconfirmed(session: AsyncSession, notice: Notice) -> list[Student]:
    done = await confirmations.confirmed_children(session, notice)
    return [child for child in await lookup.class_children(session, notice.class_id) if child.id not in done]


async def status_command(ctx: Context, args: Args) -> None:
    notice = await lookup.notice_by_ref(ctx, args.word(0))
    await lookup.require_manager(ctx, notice)
    class_group = await ctx.session.get(ClassGroup, notice.class_id)
    zone = ZoneInfo(class_group.timezone)
    missing = await unconfirmed(ctx.session, notice) if notice.ack else []
    guardians = await guardians_of(ctx.session, [child.id for child in missing])
    families = [Family(child.name, [person.display_name for person in guardians.get(child.id, [])])
                for child in missing]
    done, total = await confirmations.counts(ctx.session, notice)
    ctx.say("notices.status", notice=notice, confirmed=done, families=total, missing=families,
            posted=notice.posted_at is not None, post_at=notice.post_at.astimezone(zone),
            remind_at=notice.remind_at.astimezone(zone) if notice.remind_at else None,
            reminded=notice.reminded_at is not None,
            buttons=(exports.button(ctx, CONFIRMATIONS_EXPORT, str(notice.id)),) if notice.ack else ())
