"""Notices (通知): a text (with photos or files) posted to the class group at once or at a set time, and, for
a notice that asks for it, one confirmation (✅ 收到) per family.

A confirmation belongs to a child of the class, not to the guardian who pressed: a family confirms once,
whichever guardian presses, and the count `已确认 31/40` is of the class's children."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_TEXT = 2000  # leaves room in Telegram's 4,096 for the count and the heading
MAX_ATTACHMENTS = 10  # one album


class Notice(Base):
    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    ack: Mapped[bool] = mapped_column(Boolean, default=False)  # asks for ✅ 收到
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)  # goes out in quiet hours too
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    post_at: Mapped[datetime] = mapped_column(UTCDateTime())  # when it should go out
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)  # handed to the outbox
    # The one private reminder to the families that have not confirmed: due 24 hours after the notice
    # reached the group; `reminded_at` is set once it was handed out, so it never goes twice.
    remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NoticeAttachment(Base):
    """A photo or file sent with /notice, fetched when it was sent, so a scheduled notice can carry it later."""

    __tablename__ = "notice_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # "photo" | "document"
    file_name: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class NoticeConfirmation(Base):
    """One family's ✅ 收到 for one child: who pressed is kept for the teacher, never shown in the group."""

    __tablename__ = "notice_confirmations"
    __table_args__ = (UniqueConstraint("notice_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime())
