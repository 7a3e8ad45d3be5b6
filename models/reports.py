"""The weekly report a teacher has asked to be sent (/settings report=fri 17:00): one row per class, absent
when it is off. `next_at` is the scheduler's state; `last_week` (the Monday of the week last sent) is what
keeps it to once a week even when the time is changed after this week's went out, or the bot restarts."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Integer, Time
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class ReportSchedule(Base):
    __tablename__ = "report_schedules"

    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer)  # Monday is 0
    at: Mapped[time] = mapped_column(Time())
    next_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_week: Mapped[date | None] = mapped_column(Date)
