"""The ❤️ under a family's private copy: a thank-you the teachers see. Each thank-you is one line of a
private message per teacher and digest, which the bot keeps current (a tally), so a class's thank-yous
reach a teacher as one message that grows, not as a message each. A second tap changes nothing."""
from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import teachers_of
from handlers.core import tallies
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, PersonTarget, Reply
from handlers.core.outbox import enqueue
from handlers.core.pushes import Push
from handlers.core.tallies import TallyView
from handlers.core.texts import render
from handlers.highlights.weeks import last_day
from models import ClassGroup, Guardianship, Person, Student
from models.highlights import HighlightDigest, HighlightThanks

THANKS_TALLY = "hl-thanks"
_KEY = re.compile(r"^hl-thanks:digest=(\d+):teacher=(\d+)$")


def tally_key(digest_id: int, teacher_id: int) -> str:
    return f"{THANKS_TALLY}:digest={digest_id}:teacher={teacher_id}"


async def thanks_button(ctx: Context, press: ButtonPress) -> None:
    digest_id, student_id = (int(value) if value.isdecimal() else 0 for value in (press.args + ("", ""))[:2])
    digest = await ctx.session.get(HighlightDigest, digest_id)
    guardian = await ctx.session.scalar(select(Guardianship.id).where(
        Guardianship.student_id == student_id, Guardianship.person_id == ctx.person.id))
    if digest is None or guardian is None:
        raise UserError("stale_button")
    already = await ctx.session.scalar(select(HighlightThanks.id).where(
        HighlightThanks.digest_id == digest.id, HighlightThanks.student_id == student_id,
        HighlightThanks.person_id == ctx.person.id))
    if already is not None:
        ctx.replies.append(Reply(text=ctx.text("highlights.thanked_already"), popup=True))
        return
    ctx.session.add(HighlightThanks(digest_id=digest.id, student_id=student_id, person_id=ctx.person.id,
                                    created_at=ctx.now()))
    await ctx.session.flush()
    for teacher in await teachers_of(ctx.session, digest.class_id):
        key = tally_key(digest.id, teacher.id)
        view = await render_tally(ctx.session, key)
        push = Push(dedup_key=key, kind="highlight_thanks", due_at=ctx.now(), class_id=digest.class_id,
                    target=PersonTarget(teacher.id), text=view.text, tally_key=key)
        if not await enqueue(ctx.session, push, ctx.now()):
            await tallies.refresh(ctx.session, key, ctx.now())
    ctx.replies.append(Reply(text=ctx.text("highlights.thanked"), popup=True))


async def render_tally(session: AsyncSession, key: str) -> TallyView | None:
    """The teacher's message for one digest: a line per thank-you, in the teacher's language."""
    match = _KEY.match(key)
    digest = await session.get(HighlightDigest, int(match.group(1))) if match else None
    teacher = await session.get(Person, int(match.group(2))) if match else None
    if digest is None or teacher is None:
        return None
    class_group = await session.get(ClassGroup, digest.class_id)
    rows = (await session.execute(
        select(Student.name, Person.display_name).select_from(HighlightThanks)
        .join(Student, Student.id == HighlightThanks.student_id).join(Person, Person.id == HighlightThanks.person_id)
        .where(HighlightThanks.digest_id == digest.id).order_by(HighlightThanks.id))).all()
    lines = [{"child": child, "who": who} for child, who in rows]
    return TallyView(render(teacher.language, "highlights.thanks_lines", thanked_by=lines, week_from=digest.week_start,
                            week_to=last_day(class_group, digest.week_start)))


async def thanks_count(session: AsyncSession, class_id: int) -> tuple[HighlightDigest | None, int]:
    """The latest posted digest and how many thank-yous it got (for /highlights)."""
    digest = await session.scalar(select(HighlightDigest).where(
        HighlightDigest.class_id == class_id, HighlightDigest.state == "published")
        .order_by(HighlightDigest.week_start.desc()).limit(1))
    if digest is None:
        return None, 0
    count = await session.scalar(select(func.count()).select_from(HighlightThanks).where(
        HighlightThanks.digest_id == digest.id))
    return digest, count
