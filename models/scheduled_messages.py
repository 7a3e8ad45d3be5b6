"""A text to send later to a class group or a person: the base that notices and other features build on.

The row is the schedule: the scheduler's tick turns it into an outbox row once its time has come."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class ScheduledMessage(Base):
    __tablename__ = "scheduled_messages"
    __table_args__ = (Index("ix_scheduled_messages_queued_send_at", "queued", "send_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # the outbox kind: grace period and log name
    # A chat (platform + chat_id) or a person, as in the outbox.
    platform: Mapped[str | None] = mapped_column(String(16))
    chat_id: Mapped[str | None] = mapped_column(String(64))
    is_private: Mapped[bool] = mapped_column(Boolean, default=False)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list] = mapped_column(JSON, default=list)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    tally_key: Mapped[str | None] = mapped_column(String(200))
    send_at: Mapped[datetime] = mapped_column(UTCDateTime())
    queued: Mapped[bool] = mapped_column(Boolean, default=False)  # handed to the outbox
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
