"""Weekly highlights (本周闪光点): a teacher's bright spot about one child, its photos, the week's digest and
the families' ❤️ thank-yous.

A highlight belongs to a class week (Monday in the class's time zone). The week's digest row is made once,
when it is posted or skipped (unique per class and week), and from then on its highlights are closed to
edits. Photos are kept as bytes, not as the platform's file ids: the digest is posted by the scheduler,
which has no platform to fetch from, and it reaches other platforms too (a WeCom robot, WeChat families),
where a Telegram file id means nothing."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_HIGHLIGHT = 300  # a short line in the group's post; the private copy shows it in full
MAX_PHOTOS = 30  # one highlight's photos (the digest splits the week's photos into albums of 10)


class DigestState(enum.StrEnum):
    published = "published"
    skipped = "skipped"


class HighlightDigest(Base):
    """A class week's digest, posted or skipped: the row exists once per week, so it is decided once."""

    __tablename__ = "highlight_digests"
    __table_args__ = (UniqueConstraint("class_id", "week_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    week_start: Mapped[date] = mapped_column(Date)
    state: Mapped[DigestState] = mapped_column(Enum(DigestState, name="highlight_digest_state", native_enum=False,
                                                    length=16))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Highlight(Base):
    """One bright spot of one child in one week; `digest_id` is set when its week is posted or skipped."""

    __tablename__ = "highlights"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    week_start: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("highlight_digests.id", ondelete="SET NULL"),
                                                  index=True)
    media_group: Mapped[str | None] = mapped_column(String(64))  # a Telegram album's id: its parts join this


class HighlightPhoto(Base):
    __tablename__ = "highlight_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    highlight_id: Mapped[int] = mapped_column(ForeignKey("highlights.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(256))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class HighlightThanks(Base):
    """A family's ❤️ for its child's highlights of a week: once per guardian, child and digest."""

    __tablename__ = "highlight_thanks"
    __table_args__ = (UniqueConstraint("digest_id", "student_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    digest_id: Mapped[int] = mapped_column(ForeignKey("highlight_digests.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
