"""The homework lists a teacher sees, as downloads (handlers.core.exports): /hw status of one class day (every
child with what they sent) and /hw report of a card (every day and child, with the grade)."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from handlers.classes.families import ROSTER_ORDER
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.exports import ExportList, Table
from handlers.homework import lookup
from handlers.homework.report_figures import card_report
from handlers.homework.review import grade_label
from handlers.homework.teaching import require_teacher
from models import ClassGroup, Student, StudentStatus
from models.homework import Grading, HomeworkCard, HomeworkOccurrence, HomeworkReview, HomeworkSubmission

STATUS = "hw-status"
REPORT = "hw-report"


def _number(args: tuple[str, ...]) -> int:
    number = lookup.card_number(args[0]) if args else None
    if number is None:
        raise UserError("stale_button")
    return number


async def status_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    occurrence = await ctx.session.get(HomeworkOccurrence, _number(args))
    if occurrence is None:
        raise UserError("stale_button")
    await require_teacher(ctx, occurrence.class_id)
    card = await ctx.session.get(HomeworkCard, occurrence.card_id)
    class_group = await ctx.session.get(ClassGroup, occurrence.class_id)
    zone = ZoneInfo(class_group.timezone)
    roster = (await ctx.session.scalars(select(Student).where(
        Student.class_id == class_group.id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all()
    sent = {s.student_id: s for s in (await ctx.session.scalars(select(HomeworkSubmission).where(
        HomeworkSubmission.occurrence_id == occurrence.id))).all()}
    yes, no = ctx.text("homework.sheet_yes"), ctx.text("homework.sheet_no")
    rows = []
    for child in roster:
        submission = sent.get(child.id)
        if submission is None:
            rows.append([occurrence.day, card.subject, child.name, ctx.text("homework.sheet_missing"), None, None])
            continue
        rows.append([occurrence.day, card.subject, child.name,
                     ctx.text("homework.sheet_state", state=submission.state.value, redo=False),
                     yes if submission.late else no, submission.updated_at.astimezone(zone)])
    table = Table(ctx.text("homework.export_status_title"), ctx.text("homework.export_status_header").split("|"), rows)
    return ExportList(class_group, [table], f"homework-{card.id}-{occurrence.day.isoformat()}")


async def report_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    card = await ctx.session.get(HomeworkCard, _number(args))
    if card is None:
        raise UserError("stale_button")
    await require_teacher(ctx, card.class_id)
    class_group = await ctx.session.get(ClassGroup, card.class_id)
    zone = ZoneInfo(class_group.timezone)
    report = await card_report(ctx.session, card)
    yes, no = ctx.text("homework.sheet_yes"), ctx.text("homework.sheet_no")
    rows = []
    for day in report.days:
        for child in report.children:
            entry = child.days.get(day)
            if entry is None:
                rows.append([day, child.name, None, None, None, ctx.text("homework.sheet_missing"), None, None])
                continue
            review: HomeworkReview | None = entry.review
            grade = None
            if review is not None and not review.redo:
                score = card.grading == Grading.score
                grade = review.grade if score else grade_label(card.grading, review.grade, False)
            rows.append([day, child.name, entry.submission.version, entry.sent_at.astimezone(zone),
                         yes if entry.submission.late else no,
                         ctx.text("homework.sheet_state", state=entry.submission.state.value,
                                  redo=review is not None and review.redo),
                         grade, review.comment if review is not None else None])
    table = Table(card.subject, ctx.text("homework.sheet_submissions_header").split("|"), rows)
    return ExportList(class_group, [table], f"homework-{card.id}")
