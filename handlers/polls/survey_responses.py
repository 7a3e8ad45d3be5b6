"""Who answered what, kept as the survey's kind allows, in the way ballots.py keeps a poll's votes.

A named survey's response says whose it is (`person:<id>`, or `family:<child id>` with per=family). An
anonymous survey's response carries only HMAC(survey's salt, that key): enough to find one's own draft,
to replace one's response on a restart and to keep one per person or family, and nothing more. The salt
is kept apart and erased at closing. Nothing here logs a respondent."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import children_of
from handlers.polls.voter_locks import lock_voter
from models.surveys import Survey, SurveyAnswer, SurveyResponse, SurveySalt


def new_salt(survey: Survey) -> SurveySalt:
    return SurveySalt(survey_id=survey.id, salt=secrets.token_bytes(32))


@dataclass(frozen=True)
class Keys:
    """The keys of one person's draft and of the response it becomes, and the named columns (if any)."""

    draft: str
    final: str
    person_id: int | None
    student_id: int | None


def family_child(children) -> int | None:
    """A family is named by its first child on the class's roster (by id, which every guardian shares)."""
    return min((child.id for child in children), default=None)


async def keys_of(session: AsyncSession, survey: Survey, person_id: int) -> Keys:
    """Raises LookupError when the salt is gone (the survey closed) and, with per=family, ValueError for
    someone with no child in the class."""
    student_id = None
    final = f"person:{person_id}"
    if survey.per_family:
        student_id = family_child(await children_of(session, person_id, survey.class_id))
        if student_id is None:
            raise ValueError("no child in this class")
        final = f"family:{student_id}"
    draft = f"person:{person_id}"
    if not survey.anonymous:
        return Keys(draft, final, person_id, student_id)
    salt = await session.get(SurveySalt, survey.id)
    if salt is None:
        raise LookupError("the survey's salt is gone")
    return Keys(_hashed(salt.salt, "draft:" + draft), _hashed(salt.salt, final), None, None)


def _hashed(salt: bytes, key: str) -> str:
    return hmac.new(salt, f"respondent:{key}".encode(), hashlib.sha256).hexdigest()


async def response(session: AsyncSession, survey: Survey, respondent: str, *, draft: bool) -> SurveyResponse | None:
    return await session.scalar(select(SurveyResponse).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.respondent == respondent,
        SurveyResponse.draft.is_(draft)))


async def start_draft(session: AsyncSession, survey: Survey, keys: Keys) -> SurveyResponse:
    """A fresh draft (an unfinished earlier one is dropped); the finished response stays until this one is done."""
    await lock_voter(session, f"survey:{survey.id}", keys.draft)
    await session.execute(delete(SurveyResponse).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.respondent == keys.draft, SurveyResponse.draft.is_(True)))
    draft = SurveyResponse(survey_id=survey.id, respondent=keys.draft, draft=True, person_id=keys.person_id,
                           student_id=keys.student_id)
    session.add(draft)
    await session.flush()
    return draft


async def answers_to(session: AsyncSession, draft: SurveyResponse, question: int) -> list[SurveyAnswer]:
    return list((await session.scalars(select(SurveyAnswer).where(
        SurveyAnswer.response_id == draft.id, SurveyAnswer.question == question).order_by(SurveyAnswer.id))).all())


async def set_answer(session: AsyncSession, draft: SurveyResponse, question: int, *, choices: set[int] = frozenset(),
                     text: str | None = None) -> None:
    """The question's answer becomes exactly these choices, or this text (nothing: skipped)."""
    await session.execute(delete(SurveyAnswer).where(SurveyAnswer.response_id == draft.id,
                                                     SurveyAnswer.question == question))
    for choice in sorted(choices):
        session.add(SurveyAnswer(response_id=draft.id, question=question, choice=choice))
    if text is not None:
        session.add(SurveyAnswer(response_id=draft.id, question=question, text=text))
    await session.flush()


async def finish(session: AsyncSession, survey: Survey, draft: SurveyResponse, keys: Keys) -> bool:
    """The draft becomes the person's (or family's) response, replacing an earlier one; True when it did.
    Two guardians of one family finishing at once take turns: the later one's answers stand."""
    await lock_voter(session, f"survey:{survey.id}", keys.final)
    replaced = (await session.execute(delete(SurveyResponse).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.respondent == keys.final,
        SurveyResponse.draft.is_(False)))).rowcount
    await session.execute(update(SurveyResponse).where(SurveyResponse.id == draft.id).values(
        respondent=keys.final, draft=False))
    await session.flush()
    return bool(replaced)


async def respondent_count(session: AsyncSession, survey: Survey) -> int:
    return await session.scalar(select(func.count()).select_from(SurveyResponse).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.draft.is_(False))) or 0


async def finished_keys(session: AsyncSession, survey: Survey) -> set[str]:
    return set((await session.scalars(select(SurveyResponse.respondent).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.draft.is_(False)))).all())


async def forget_salt(session: AsyncSession, survey: Survey) -> None:
    """At closing: unfinished drafts go, and without the salt no response can be matched to anyone again."""
    await session.execute(delete(SurveyResponse).where(SurveyResponse.survey_id == survey.id,
                                                       SurveyResponse.draft.is_(True)))
    await session.execute(delete(SurveySalt).where(SurveySalt.survey_id == survey.id))
