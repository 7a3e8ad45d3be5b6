"""Sign-up lists (接龙): a list with its slots, and who took a place in each.

A place is taken by a family, not a person: `family` is the key that mum and dad share (`s<student id>`, the
first child of the tapper on the class's roster), or `p<person id>` for a member with no child in the class
(a teacher on duty). The names shown are read from the roster when the list is drawn, so they stay as the
roster shows them. Volunteer points (志愿者积分) are the places a family holds, counted across lists."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_TITLE = 100
MAX_SLOT = 30  # a button's text, with its count beside it
MAX_SLOTS = 12
MAX_PLACES = 50
FAMILY_LENGTH = 24


class SignupList(Base):
    __tablename__ = "signup_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SignupSlot(Base):
    """One slot of a list (周一护学岗 x3). A tap locks this row first, so taps on its last place take turns."""

    __tablename__ = "signup_slots"
    __table_args__ = (UniqueConstraint("list_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("signup_lists.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # from 0, the order written
    name: Mapped[str] = mapped_column(String(MAX_SLOT))
    places: Mapped[int] = mapped_column(Integer)


class SignupEntry(Base):
    """A family's place in a slot; released places are deleted."""

    __tablename__ = "signup_entries"
    __table_args__ = (UniqueConstraint("slot_id", "family"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("signup_slots.id", ondelete="CASCADE"), index=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("signup_lists.id", ondelete="CASCADE"), index=True)
    family: Mapped[str] = mapped_column(String(FAMILY_LENGTH), index=True)
    student_id: Mapped[int | None] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))  # who tapped
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
