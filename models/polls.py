"""Quick polls (投票): the poll, its votes, and for anonymous polls the salt that keeps one vote per person.

A named poll's vote carries its voter's person id. An anonymous poll's vote carries only a salted hash of
the voter (`voter_hash`), enough to find and change one's own vote and nothing more; the salt lives in its
own table, never beside a choice, and is erased when the poll closes, so afterwards not even whoever reads
the store can tell whose hash is whose."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_QUESTION = 200
MAX_OPTION = 40  # a button's text
MAX_OPTIONS = 10
HASH_LENGTH = 64  # hex of HMAC-SHA256


class Poll(Base):
    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    question: Mapped[str] = mapped_column(String(MAX_QUESTION))
    options: Mapped[list] = mapped_column(JSON)  # the options' texts, in order; a vote names one by index
    multi: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    until: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)  # closes by itself then
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the creator's "remind" was used


class PollVote(Base):
    """One chosen option of one voter (a multi poll's voter has a row per option). Exactly one of
    `person_id` (named polls) and `voter_hash` (anonymous polls) is set."""

    __tablename__ = "poll_votes"
    __table_args__ = (UniqueConstraint("poll_id", "person_id", "option"),
                      UniqueConstraint("poll_id", "voter_hash", "option"))

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    option: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    voter_hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))


class PollSalt(Base):
    """An anonymous poll's secret for hashing its voters, apart from the votes; deleted at closing."""

    __tablename__ = "poll_salts"

    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), primary_key=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary(32))
