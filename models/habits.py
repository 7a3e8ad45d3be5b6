"""Habit plans (21天好习惯养成计划), the daily check-ins (打卡) of each child, and the certificates issued."""
from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_TITLE = 64
MAX_NOTE = 500


class Evidence(enum.StrEnum):
    none = "none"
    photo = "photo"
    text = "text"


class PlanMode(enum.StrEnum):
    required = "required"
    optional = "optional"  # no private nudges: families take part when they like


class HabitPlan(Base):
    """A class plan (student_id empty: every child of the class takes part) or a family plan for one child.

    The next_*_at columns are the scheduler's state: each provider sends what is due and moves its own
    column on; None means nothing more to send of that kind."""

    __tablename__ = "habit_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int | None] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    days: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)  # kept, not derived, so queries need no date arithmetic
    remind_at: Mapped[time] = mapped_column(Time())
    evidence: Mapped[Evidence] = mapped_column(Enum(Evidence, name="habit_evidence", native_enum=False, length=16))
    makeup_quota: Mapped[int] = mapped_column(Integer)
    mode: Mapped[PlanMode] = mapped_column(Enum(PlanMode, name="habit_mode", native_enum=False, length=16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_post_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    next_nudge_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    next_stars_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    next_certificates_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    next_summary_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    @property
    def is_family(self) -> bool:
        return self.student_id is not None

    @property
    def is_stopped(self) -> bool:
        return self.stopped_at is not None


class HabitCheckIn(Base):
    """One child's check-in for one class day of a plan. The unique constraint is what makes a second
    guardian's check-in, or two at the same moment, a no-op."""

    __tablename__ = "habit_checkins"
    __table_args__ = (UniqueConstraint("plan_id", "student_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("habit_plans.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    is_makeup: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    evidence_file_id: Mapped[str | None] = mapped_column(String(256))
    checked_in_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HabitCertificate(Base):
    """A certificate sent to a child's family at the end of a plan; the row is what keeps it to one."""

    __tablename__ = "habit_certificates"
    __table_args__ = (UniqueConstraint("plan_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("habit_plans.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    days_done: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
