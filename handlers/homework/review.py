"""/review [hw]: the teacher walks the unreviewed submissions one at a time, the photos shown, with grading
buttons — stars ⭐⭐⭐/⭐⭐/⭐, or ✅ pass, or for score grading a typed 0–100 — and 🔁 redo and ⏭ skip on
every one. One tap grades and shows the next, so star grading needs no typing; a text after a grade is
its comment. The family hears the grade and the comment privately; a redo reopens the submission."""
from __future__ import annotations

import logging

from pydantic import BaseModel
from sqlalchemy import select

from handlers.classes.families import ROSTER_ORDER, guardians_of
from handlers.core import waits
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Attachment, Media, Reply
from handlers.core.people import types_words
from handlers.homework import lookup
from handlers.homework.teaching import require_teacher, teacher_homework
from models import Student
from models.homework import (
    MAX_COMMENT,
    Grading,
    HomeworkCard,
    HomeworkMedia,
    HomeworkOccurrence,
    HomeworkReview,
    HomeworkSubmission,
    HomeworkVersion,
    SubmissionState,
)

log = logging.getLogger(__name__)
REVIEW_WAIT = "homework.review"
STARS = {3: "⭐⭐⭐", 2: "⭐⭐", 1: "⭐"}


class Reviewing(BaseModel):
    occurrence_id: int
    submission_id: int | None = None  # the one shown, waiting for its grade
    last_review_id: int | None = None  # the grade just given: a text now is its comment
    skipped: list[int] = []


def grade_label(grading: Grading, grade: int | None, redo: bool) -> str:
    if redo:
        return "🔁"
    if grading == Grading.stars:
        return STARS.get(grade or 0, "")
    if grading == Grading.passed:
        return "✅"
    return str(grade)


async def review_command(ctx: Context, args: Args) -> None:
    occurrence, _, _ = lookup.pick(await teacher_homework(ctx), args.word(0))
    await show_next(ctx, Reviewing(occurrence_id=occurrence.id))


async def show_next(ctx: Context, data: Reviewing, note: str | None = None) -> None:
    occurrence = await ctx.session.get(HomeworkOccurrence, data.occurrence_id)
    card = await ctx.session.get(HomeworkCard, occurrence.card_id)
    row = (await ctx.session.execute(
        select(HomeworkSubmission, Student).join(Student, Student.id == HomeworkSubmission.student_id)
        .where(HomeworkSubmission.occurrence_id == occurrence.id,
               HomeworkSubmission.state == SubmissionState.waiting,
               HomeworkSubmission.id.not_in(data.skipped or [0]))
        .order_by(*ROSTER_ORDER).limit(1))).first()
    prefix = note + "\n\n" if note else ""
    if row is None:
        if data.last_review_id is not None:  # the last grade's comment may still come
            await waits.begin(ctx, REVIEW_WAIT, data.model_copy(update={"submission_id": None}))
        ctx.say("homework.review_done", note=note, subject=card.subject, day=occurrence.day)
        return
    submission, child = row
    version = await ctx.session.scalar(select(HomeworkVersion).where(
        HomeworkVersion.submission_id == submission.id, HomeworkVersion.number == submission.version))
    media, unseen = await _media(ctx, version)
    state = data.model_copy(update={"submission_id": submission.id})
    wait_id = await waits.begin(ctx, REVIEW_WAIT, state)
    if media:
        ctx.replies.append(Reply(media=tuple(media)))
    text = prefix + ctx.text("homework.review_item", subject=card.subject, child=child.name, day=occurrence.day,
                             item=version, late=submission.late, grading=card.grading.value,
                             pieces=len(media), unseen=unseen, commented=data.last_review_id is not None)
    ctx.replies.append(Reply(text=text, buttons=_buttons(ctx, card.grading, wait_id)))


def _buttons(ctx: Context, grading: Grading, wait_id: int):
    grades = {Grading.stars: [(STARS[n], str(n)) for n in (3, 2, 1)], Grading.passed: [("✅", "1")],
              Grading.score: []}[grading]
    first = tuple(waits.choice(wait_id, label, "grade", value) for label, value in grades)
    last = (waits.choice(wait_id, ctx.text("homework.redo_button"), "redo"),
            waits.choice(wait_id, ctx.text("homework.skip_button"), "skip"))
    return (first, last) if first else (last,)


async def _media(ctx: Context, version: HomeworkVersion) -> tuple[list[Media], int]:
    """The version's files fetched from the platform they were sent on, to show them; nothing is kept.
    Also how many could not be fetched (that platform is not served here, or no longer has the file)."""
    rows = (await ctx.session.scalars(select(HomeworkMedia).where(HomeworkMedia.version_id == version.id)
                                      .order_by(HomeworkMedia.position))).all()
    shown, unseen = [], 0
    for row in rows:
        try:
            data = await ctx.download(row.platform, Attachment(row.kind, row.file_id, row.file_name))
        except Exception:  # a file the platform no longer has: the review goes on without it
            log.warning("homework media %s could not be fetched", row.id, exc_info=True)
            data = None
        if data is None:
            unseen += 1
            continue
        kind = "photo" if row.kind == "photo" else "document"
        name = row.file_name or f"{row.kind}-{row.id}" + (".jpg" if kind == "photo" else ".ogg")
        shown.append(Media(kind, data, name))
    return shown, unseen


async def answered(ctx: Context, data: Reviewing, answer: waits.Answer) -> None:
    """A grading button, a typed score, or the comment on the grade just given."""
    occurrence = await ctx.session.get(HomeworkOccurrence, data.occurrence_id)
    card = await ctx.session.get(HomeworkCard, occurrence.card_id)
    await require_teacher(ctx, occurrence.class_id)  # a teacher who has left the class grades no more
    choice = list(answer.choice or ())
    if choice[:1] == ["skip"] and data.submission_id is not None:
        await show_next(ctx, data.model_copy(update={"skipped": [*data.skipped, data.submission_id],
                                                     "last_review_id": None}))
    elif choice[:1] == ["redo"] and data.submission_id is not None:
        await _grade(ctx, data, card, None, redo=True)
    elif choice[:1] == ["grade"] and data.submission_id is not None:
        await _grade(ctx, data, card, int(choice[1]), redo=False)
    elif answer.choice is None and card.grading == Grading.score and data.submission_id is not None \
            and (answer.text.isdecimal() or data.last_review_id is None):
        if not answer.text.isdecimal() or int(answer.text) > 100:
            await waits.begin(ctx, REVIEW_WAIT, data)  # the wait goes on: the score is still asked for
            ctx.say("homework.bad_score", value=answer.text)
            return
        await _grade(ctx, data, card, int(answer.text), redo=False)
    elif answer.choice is None and data.last_review_id is not None:
        await _comment(ctx, data, answer.text)
    else:
        await waits.begin(ctx, REVIEW_WAIT, data)
        ctx.say("homework.review_prompt")


async def _grade(ctx: Context, data: Reviewing, card: HomeworkCard, grade: int | None, *, redo: bool) -> None:
    submission = await ctx.session.get(HomeworkSubmission, data.submission_id)
    if submission is None or submission.state != SubmissionState.waiting:
        raise UserError("stale_button")
    review = HomeworkReview(submission_id=submission.id, version=submission.version, reviewer_id=ctx.person.id,
                            grade=grade, redo=redo, created_at=ctx.now())
    submission.state = SubmissionState.redo if redo else SubmissionState.reviewed
    ctx.session.add(review)
    await ctx.session.flush()
    child = await ctx.session.get(Student, submission.student_id)
    occurrence = await ctx.session.get(HomeworkOccurrence, submission.occurrence_id)
    label = grade_label(card.grading, grade, redo)
    for person in (await guardians_of(ctx.session, [child.id]))[child.id]:
        if redo:
            ctx.tell(person, "homework.redo", subject=card.subject, child=child.name, day=occurrence.day,
                     wechat=await types_words(ctx.session, person.id, ctx.incoming.chat.platform))
        else:
            ctx.tell(person, "homework.graded", subject=card.subject, child=child.name, day=occurrence.day,
                     grade=label)
    note = ctx.text("homework.review_given", child=child.name, grade=label)
    await show_next(ctx, data.model_copy(update={"submission_id": None, "last_review_id": review.id}), note)


async def _comment(ctx: Context, data: Reviewing, text: str) -> None:
    review = await ctx.session.get(HomeworkReview, data.last_review_id)
    if review is None:
        raise UserError("stale_button")
    if len(text) > MAX_COMMENT:
        await waits.begin(ctx, REVIEW_WAIT, data)
        ctx.say("homework.comment_too_long", limit=MAX_COMMENT)
        return
    review.comment = text
    submission = await ctx.session.get(HomeworkSubmission, review.submission_id)
    child = await ctx.session.get(Student, submission.student_id)
    card = await ctx.session.scalar(select(HomeworkCard).join(
        HomeworkOccurrence, HomeworkOccurrence.card_id == HomeworkCard.id).where(
        HomeworkOccurrence.id == submission.occurrence_id))
    for person in (await guardians_of(ctx.session, [child.id]))[child.id]:
        ctx.tell(person, "homework.comment", subject=card.subject, child=child.name, comment=text)
    wait_id = await waits.begin(ctx, REVIEW_WAIT, data.model_copy(update={"last_review_id": None}))
    # The shown submission's buttons answered the wait just replaced: they come again under this answer.
    buttons = _buttons(ctx, card.grading, wait_id) if data.submission_id is not None else ()
    ctx.say("homework.comment_sent", child=child.name, buttons=buttons)
