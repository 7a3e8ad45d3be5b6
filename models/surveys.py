"""Questionnaires (家长问卷): the survey with its questions, the responses and their answers, and for
anonymous surveys the salt that keeps one response per person or family.

A response is found again by its `respondent` key: for a named survey `person:<id>` (or `family:<child id>`
with per=family), for an anonymous one an HMAC of that key under the survey's salt, which names nobody. The
salt lives in its own table and is erased when the survey closes, as a poll's is. A response being answered
is a draft (`draft`), keyed by its person alone so that two guardians of one family never write into each
other's; finishing it replaces the family's (or person's) finished response, which stays until then."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime

MAX_TITLE = 100
MAX_QUESTION = 200
MAX_OPTION = 40  # a button's text
MAX_OPTIONS = 10
MAX_QUESTIONS = 20
MAX_TEXT_ANSWER = 1000
RESPONDENT_LENGTH = 64  # hex of HMAC-SHA256, longer than any named key


class Survey(Base):
    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    # [{"kind": "single"|"multi"|"rating"|"text", "text": …, "options": [...], "low": 1, "high": 5,
    #   "optional": false}], in order; an answer names a question by its index.
    questions: Mapped[list] = mapped_column(JSON)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    per_family: Mapped[bool] = mapped_column(Boolean, default=False)
    bot_username: Mapped[str | None] = mapped_column(String(64))  # the bot the card's deep link opens
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    until: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)  # closes by itself then
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the "remind" button was used


class SurveyResponse(Base):
    """One person's or family's answers. `person_id` and `student_id` are set for named surveys only."""

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("survey_id", "respondent", "draft"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    respondent: Mapped[str] = mapped_column(String(RESPONDENT_LENGTH))
    draft: Mapped[bool] = mapped_column(Boolean, default=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int | None] = mapped_column(ForeignKey("students.id", ondelete="SET NULL"))


class SurveyAnswer(Base):
    """One question's answer in a response: a row per chosen option (a rating's value is its choice), or
    the text written."""

    __tablename__ = "survey_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True)
    question: Mapped[int] = mapped_column(Integer)
    choice: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)


class SurveySalt(Base):
    """An anonymous survey's secret for hashing its respondents, apart from the answers; deleted at closing."""

    __tablename__ = "survey_salts"

    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), primary_key=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary(32))
