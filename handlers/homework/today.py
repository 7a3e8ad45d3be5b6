"""/homework (作业): today's homework privately, for a family each card with its own children's standing —
not sent yet, sent (late), reviewed with the grade, or to redo — and a 📤 button for what is still open
(on WeChat a numbered reply). A family sees only its own children; a teacher sees the counts."""
from __future__ import annotations

from sqlalchemy import select

from handlers.classes.families import children_of
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Button
from handlers.homework import lookup
from handlers.homework.card_post import SUBMIT_BUTTON, counts
from handlers.homework.occurrences import due_clock, today_of
from handlers.homework.review import grade_label
from handlers.homework.teaching import taught_classes
from models.homework import HomeworkReview, HomeworkSubmission, SubmissionState


async def _standing(ctx: Context, occurrence, card, child) -> str:
    submission = await ctx.session.scalar(select(HomeworkSubmission).where(
        HomeworkSubmission.occurrence_id == occurrence.id, HomeworkSubmission.student_id == child.id))
    if submission is None:
        return ctx.text("homework.today_missing")
    if submission.state == SubmissionState.waiting:
        return ctx.text("homework.today_sent", late=submission.late)
    review = await ctx.session.scalar(select(HomeworkReview).where(HomeworkReview.submission_id == submission.id)
                                      .order_by(HomeworkReview.id.desc()).limit(1))
    if submission.state == SubmissionState.redo or review is None:
        return ctx.text("homework.today_redo")
    return ctx.text("homework.today_reviewed", grade=grade_label(card.grading, review.grade, review.redo))


async def today_command(ctx: Context, args: Args) -> None:
    kids = await children_of(ctx.session, ctx.person.id)
    class_ids = sorted({kid.class_id for kid in kids} | set(await taught_classes(ctx)))
    found = await lookup.current_occurrences(ctx.session, class_ids, ctx.now()) if class_ids else []
    found = [entry for entry in found if entry[0].day == today_of(ctx.now(), entry[2])]
    if not found:
        raise UserError("homework.nothing_today")
    items, buttons = [], []
    for occurrence, card, class_group in reversed(found):  # in the order they were set
        own = [kid for kid in kids if kid.class_id == class_group.id]
        children = [(kid.name, await _standing(ctx, occurrence, card, kid)) for kid in own]
        done, total = await counts(ctx.session, occurrence) if not own else (None, None)
        items.append({"subject": card.subject, "content": card.content, "due": due_clock(occurrence, class_group),
                      "children": children, "done": done, "total": total})
        if any(standing == ctx.text("homework.today_missing") or standing == ctx.text("homework.today_redo")
               for _, standing in children):
            label = ctx.text("homework.today_submit_button", subject=card.subject)
            buttons.append((Button(label, SUBMIT_BUTTON, (str(occurrence.id),)),))
    ctx.say("homework.today", items=items, buttons=tuple(buttons))
