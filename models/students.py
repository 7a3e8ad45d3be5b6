"""Children on a class roster and the guardians linked to them. Children are never chat users."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_NAME_LENGTH = 32


class StudentStatus(enum.StrEnum):
    active = "active"
    pending = "pending"  # added by a parent on joining, waiting for the teacher's approval
    archived = "archived"  # removed from the roster; records kept


class Student(Base):
    __tablename__ = "students"
    __table_args__ = (UniqueConstraint("class_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH))
    number: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[StudentStatus] = mapped_column(
        Enum(StudentStatus, name="student_status", native_enum=False, length=16)
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class GuardianStatus(enum.StrEnum):
    active = "active"
    # a further guardian of a child who has one: waits for an existing guardian or a teacher to approve
    pending = "pending"


class Guardianship(Base):
    __tablename__ = "guardianships"
    __table_args__ = (UniqueConstraint("student_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[GuardianStatus] = mapped_column(
        Enum(GuardianStatus, name="guardian_status", native_enum=False, length=16),
        default=GuardianStatus.active, server_default=GuardianStatus.active.value,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
