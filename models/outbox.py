"""The outbox: every push the bot owes someone, written before it is sent, so each goes out exactly once.

A row is written (by the scheduler's tick or by a handler) with a `dedup_key` that is unique in the store,
and a delivery worker later claims it, sends it and records the platform's message id. Edits of the bot's
own tally messages are coalesced in `tally_edits`: one row per tally key holding the latest wanted text."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, Enum, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class OutboxStatus(enum.StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"  # gave up: unreachable chat, or out of retries
    skipped = "skipped"  # stale (past its grace period) or the person has no private chat


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dedup_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    # Either a chat (platform + chat_id) or a person whose private chat is looked up when sending,
    # because people start and block the bot between the tick and the send.
    platform: Mapped[str | None] = mapped_column(String(16))
    chat_id: Mapped[str | None] = mapped_column(String(64))
    is_private: Mapped[bool] = mapped_column(Boolean, default=False)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    buttons: Mapped[list] = mapped_column(JSON, default=list)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    tally_key: Mapped[str | None] = mapped_column(String(200), index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    not_before: Mapped[datetime] = mapped_column(UTCDateTime())  # due_at moved past the class's quiet hours
    status: Mapped[OutboxStatus] = mapped_column(
        Enum(OutboxStatus, name="outbox_status", native_enum=False, length=16), default=OutboxStatus.pending
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # A replica that claimed the row owns it until then; a replica that died loses it when the lease ends.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Only replies (kind "reply") carry these: an edit of the bot's message, or a reaction on the sender's.
    edit_message_id: Mapped[str | None] = mapped_column(String(64))
    reaction: Mapped[str | None] = mapped_column(String(16))
    react_to: Mapped[str | None] = mapped_column(String(64))


class OutboxMedia(Base):
    """Photos and documents of a push, kept apart so that claiming rows does not read megabytes."""

    __tablename__ = "outbox_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(128))
    caption: Mapped[str | None] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class TallyEdit(Base):
    """A wish to bring the message known by `tally_key` up to date. `version` counts requests and
    `applied_version` the one shown, so many requests between two edits make a single edit; the text is
    rendered when the edit is made (handlers.core.tallies)."""

    __tablename__ = "tally_edits"

    tally_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    applied_version: Mapped[int] = mapped_column(Integer, default=0)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
