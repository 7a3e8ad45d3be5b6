"""A class (班级), the group chat it lives in, and who is a member with which role."""
from __future__ import annotations

import enum
from datetime import datetime, time

from sqlalchemy import Enum, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime


class Role(enum.StrEnum):
    teacher = "teacher"
    rep = "rep"
    parent = "parent"


class ClassGroup(Base):
    __tablename__ = "classes"
    __table_args__ = (UniqueConstraint("platform", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    join_code: Mapped[str] = mapped_column(String(6), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    quiet_start: Mapped[time] = mapped_column(Time(), default=time(21, 30))
    quiet_end: Mapped[time] = mapped_column(Time(), default=time(7, 0))
    digest_weekday: Mapped[int] = mapped_column(Integer, default=4)  # Monday is 0: Friday
    digest_time: Mapped[time] = mapped_column(Time(), default=time(16, 0))
    # A WeCom group robot that also receives the class's group pushes; the id names it in the outbox and
    # in logs, so the secret webhook key is kept in this row only.
    wecom_robot_url: Mapped[str | None] = mapped_column(String(256))
    wecom_robot_id: Mapped[str | None] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="class_group", cascade="all, delete-orphan", passive_deletes=True
    )


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("class_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(Enum(Role, name="role", native_enum=False, length=16))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime())

    class_group: Mapped[ClassGroup] = relationship(back_populates="memberships")
