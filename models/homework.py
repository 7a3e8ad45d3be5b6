"""Homework punch cards (作业打卡): a card, its occurrences (one per class day for a repeating card), each
child's submission with its versions and the media they reference, and the teacher's reviews.

Media are kept as the platform's file ids, never as copies of the files: the platform holds the photo,
and /forgetme only has to drop the references."""
from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_SUBJECT = 32
MAX_CONTENT = 500
MAX_TEXT = 2000
MAX_COMMENT = 500


class Grading(enum.StrEnum):
    stars = "stars"  # ⭐ to ⭐⭐⭐: grade 1–3
    score = "score"  # 0–100
    passed = "pass"  # ✅, or 🔁 a redo


class Repeat(enum.StrEnum):
    once = "once"
    daily = "daily"
    weekdays = "weekdays"


class SubmissionState(enum.StrEnum):
    waiting = "waiting"  # sent, not reviewed yet: sending again makes a new version
    reviewed = "reviewed"  # closed
    redo = "redo"  # the teacher asked for it again: open for a new version


class HomeworkCard(Base):
    """What the teacher posted: a subject, the task, when it is due and how it is graded. A repeating
    card opens an occurrence per class day until `until`; `next_open_at` is the scheduler's state."""

    __tablename__ = "homework_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(MAX_SUBJECT))
    content: Mapped[str] = mapped_column(Text)
    grading: Mapped[Grading] = mapped_column(Enum(Grading, name="homework_grading", native_enum=False, length=16))
    repeat: Mapped[Repeat] = mapped_column(Enum(Repeat, name="homework_repeat", native_enum=False, length=16))
    due_time: Mapped[time] = mapped_column(Time())
    until: Mapped[date | None] = mapped_column(Date)
    # The bot's username on the class's platform when the card was made, for the 📤 deep link of the
    # occurrences the scheduler opens later (None: the platform has no deep links, e.g. WeChat).
    bot_username: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_open_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class HomeworkOccurrence(Base):
    """One day's homework of a card, with its own due time and its own card in the group. The next_*_at
    columns are the providers' state: the group count, the private nudge, the teacher's summary."""

    __tablename__ = "homework_occurrences"
    __table_args__ = (UniqueConstraint("card_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("homework_cards.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_count_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    count_posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the group count is there to edit
    next_nudge_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    next_summary_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the teacher's "remind the missing"


class HomeworkSubmission(Base):
    """One child's submission to one occurrence; the unique pair is what keeps it to one."""

    __tablename__ = "homework_submissions"
    __table_args__ = (UniqueConstraint("occurrence_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("homework_occurrences.id", ondelete="CASCADE"),
                                               index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    state: Mapped[SubmissionState] = mapped_column(
        Enum(SubmissionState, name="homework_state", native_enum=False, length=16))
    version: Mapped[int] = mapped_column(Integer)  # the current version's number
    late: Mapped[bool] = mapped_column(Boolean, default=False)  # the current version came after the due time
    first_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HomeworkVersion(Base):
    """What a family sent, once: replacing a submission before review adds a version, keeping this one."""

    __tablename__ = "homework_versions"
    __table_args__ = (UniqueConstraint("submission_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("homework_submissions.id", ondelete="CASCADE"),
                                               index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    sent_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    media_group: Mapped[str | None] = mapped_column(String(64))  # a Telegram album's id: its parts join this


class HomeworkMedia(Base):
    """A photo, voice note or file of a version, by the platform's file id."""

    __tablename__ = "homework_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("homework_versions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # "photo" | "voice" | "document"
    platform: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(256))
    file_name: Mapped[str | None] = mapped_column(String(256))


class HomeworkReview(Base):
    """A teacher's grade of one version: `grade` is the stars (1–3), the score (0–100) or 1 for a pass;
    a redo has no grade and reopens the submission."""

    __tablename__ = "homework_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("homework_submissions.id", ondelete="CASCADE"),
                                               index=True)
    version: Mapped[int] = mapped_column(Integer)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    grade: Mapped[int | None] = mapped_column(Integer)
    redo: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
