"""/hw status [hw] (teacher, private): submitted / late / missing / reviewed counts, who is missing, and a
"remind the missing" button that nudges exactly those families privately, once per occurrence."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER, guardians_of
from handlers.core import exports
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Button, ButtonPress
from handlers.core.people import types_words
from handlers.homework import downloads, lookup
from handlers.homework.occurrences import due_clock
from handlers.homework.teaching import require_teacher, teacher_homework
from models import ClassGroup, Student, StudentStatus
from models.homework import HomeworkCard, HomeworkOccurrence, HomeworkSubmission, SubmissionState

REMIND_BUTTON = "hw-remind"


@dataclass(frozen=True)
class Standing:
    submitted: int
    late: int
    reviewed: int
    missing: list[Student]
    total: int


async def standing(session: AsyncSession, occurrence: HomeworkOccurrence) -> Standing:
    roster = (await session.scalars(select(Student).where(
        Student.class_id == occurrence.class_id, Student.status == StudentStatus.active)
        .order_by(*ROSTER_ORDER))).all()
    submissions = {s.student_id: s for s in (await session.scalars(select(HomeworkSubmission).where(
        HomeworkSubmission.occurrence_id == occurrence.id))).all()}
    sent = [s for s in submissions.values()]
    return Standing(submitted=len(sent), late=sum(1 for s in sent if s.late),
                    reviewed=sum(1 for s in sent if s.state == SubmissionState.reviewed),
                    missing=[child for child in roster if child.id not in submissions], total=len(roster))


async def status_command(ctx: Context, args: Args) -> None:
    occurrence, card, _ = lookup.pick(await teacher_homework(ctx), args.word(0))
    figures = await standing(ctx.session, occurrence)
    buttons: tuple = ()
    if figures.missing and occurrence.reminded_at is None:
        buttons = ((Button(ctx.text("homework.remind_button"), REMIND_BUTTON, (str(occurrence.id),)),),)
    buttons += (exports.button(ctx, downloads.STATUS, str(occurrence.id)),)
    ctx.say("homework.status", subject=card.subject, day=occurrence.day, figures=figures,
            missing=[child.name for child in figures.missing], reminded=occurrence.reminded_at is not None,
            buttons=buttons)


async def remind_button(ctx: Context, press: ButtonPress) -> None:
    number = lookup.card_number(press.args[0] if press.args else "")
    occurrence = await ctx.session.get(HomeworkOccurrence, number) if number is not None else None
    if occurrence is None:  # a press with no number is no button of ours: looked up, it would find nothing
        raise UserError("stale_button")
    await require_teacher(ctx, occurrence.class_id)
    if occurrence.reminded_at is not None:
        raise UserError("homework.already_reminded")
    card = await ctx.session.get(HomeworkCard, occurrence.card_id)
    class_group = await ctx.session.get(ClassGroup, occurrence.class_id)
    missing = (await standing(ctx.session, occurrence)).missing
    guardians = await guardians_of(ctx.session, [child.id for child in missing], reachable_only=True)
    families = 0
    for child in missing:
        for person in guardians[child.id]:
            ctx.tell(person, "homework.nudge", subject=card.subject, child=child.name,
                     due=due_clock(occurrence, class_group), late=ctx.now() > occurrence.due_at,
                     wechat=await types_words(ctx.session, person.id, ctx.incoming.chat.platform))
            families += 1
    occurrence.reminded_at = ctx.now()
    ctx.say("homework.reminded", families=families)
