"""Events (活动·签到): a parent meeting or an open day with an RSVP card (going / not going), and at the
event a check-in (签到) that stays open for two hours, after which the teacher gets the attendance.

As with notices, an answer belongs to a family (a child of the class): any guardian answers for it, a
later answer replaces an earlier one, and a family checks in once."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_TITLE = 100
CHECKIN_OPEN = timedelta(hours=2)
CHECKIN_EARLY = timedelta(hours=1)  # how long before its start an event's check-in may be opened


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checkin_opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkin_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # Set when the check-in closed and the attendance was handed out: it goes once.
    attendance_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class EventRsvp(Base):
    __tablename__ = "event_rsvps"
    __table_args__ = (UniqueConstraint("event_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    going: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EventCheckin(Base):
    __tablename__ = "event_checkins"
    __table_args__ = (UniqueConstraint("event_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime())
