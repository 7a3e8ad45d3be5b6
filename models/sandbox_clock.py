"""How far the sandbox's clock runs ahead of real time.

Kept in the store rather than in a file beside it: the sandbox runs on PostgreSQL as well as on a SQLite
file, and `classbridge demo`, a process of its own, has to seed its history around the sandbox's today."""
from __future__ import annotations

from sqlalchemy import Float, Integer
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base

SANDBOX_CLOCK_ROW = 1  # the table holds one row


class SandboxClockOffset(Base):
    __tablename__ = "sandbox_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offset_seconds: Mapped[float] = mapped_column(Float, default=0.0)
