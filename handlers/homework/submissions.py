"""Recording what a family sends: one submission per child per occurrence, a new version each time it is
sent again before review (the earlier ones kept), late after the due time, closed once reviewed unless
the teacher asked for a redo. Media are kept as the platform's file ids."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.errors import UserError
from handlers.homework.card_post import refresh_counts
from models import Student
from models.homework import (
    MAX_TEXT,
    HomeworkMedia,
    HomeworkOccurrence,
    HomeworkSubmission,
    HomeworkVersion,
    SubmissionState,
)


class Piece(BaseModel):
    """One attachment as it came: what the version will reference."""

    kind: str
    file_id: str
    file_name: str | None = None


async def record(session: AsyncSession, occurrence: HomeworkOccurrence, child: Student, person_id: int,
                 platform: str, text: str, pieces: list[Piece], media_group: str | None,
                 now: datetime) -> tuple[HomeworkSubmission, HomeworkVersion]:
    """A new version of the child's submission (the first one creates it)."""
    if not text and not pieces:
        raise UserError("homework.empty_submission")
    if len(text) > MAX_TEXT:
        raise UserError("homework.text_too_long", limit=MAX_TEXT)
    late = now > occurrence.due_at
    submission = await session.scalar(select(HomeworkSubmission).where(
        HomeworkSubmission.occurrence_id == occurrence.id, HomeworkSubmission.student_id == child.id))
    if submission is None:
        submission = HomeworkSubmission(occurrence_id=occurrence.id, student_id=child.id, version=1, late=late,
                                        state=SubmissionState.waiting, first_at=now, updated_at=now)
        session.add(submission)
        await session.flush()
    elif submission.state == SubmissionState.reviewed:
        raise UserError("homework.already_reviewed", child=child.name)
    else:
        submission.version += 1
        submission.state, submission.late, submission.updated_at = SubmissionState.waiting, late, now
    version = HomeworkVersion(submission_id=submission.id, number=submission.version, text=text or None,
                              sent_by=person_id, sent_at=now, late=late, media_group=media_group)
    session.add(version)
    await session.flush()
    await add_pieces(session, version, platform, pieces)
    await refresh_counts(session, occurrence, now)
    return submission, version


async def add_pieces(session: AsyncSession, version: HomeworkVersion, platform: str, pieces: list[Piece]) -> None:
    start = await session.scalar(select(func.count()).select_from(HomeworkMedia).where(
        HomeworkMedia.version_id == version.id))
    session.add_all(HomeworkMedia(version_id=version.id, position=start + index, kind=piece.kind,
                                  platform=platform, file_id=piece.file_id, file_name=piece.file_name)
                    for index, piece in enumerate(pieces))
    await session.flush()


def add_text(version: HomeworkVersion, text: str) -> None:
    joined = "\n".join(part for part in (version.text, text) if part)
    if len(joined) > MAX_TEXT:
        raise UserError("homework.text_too_long", limit=MAX_TEXT)
    version.text = joined


async def forget_submissions(session: AsyncSession, person_id: int) -> None:
    """/forgetme: the media references and texts of every version this person sent."""
    sent = select(HomeworkVersion.id).where(HomeworkVersion.sent_by == person_id)
    await session.execute(delete(HomeworkMedia).where(HomeworkMedia.version_id.in_(sent)))
    await session.execute(update(HomeworkVersion).where(HomeworkVersion.sent_by == person_id)
                          .values(text=None, media_group=None))
