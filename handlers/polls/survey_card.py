"""The survey's card in the group: its title, how many questions, how many have answered and when it
closes, with an "Answer" button that opens the private chat (a deep link, `/start sv-<id>`; where the
platform has none, a button that answers privately). It is a live tally: a finished response asks for a
refresh. Counts only, never names; once closed it reads as closed and the button is gone."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import tallies
from handlers.core.messages import Button, ChatRef
from handlers.core.pushes import Push
from handlers.core.tallies import TallyView
from handlers.core.texts import render
from handlers.polls import survey_responses
from models import ClassGroup
from models.surveys import Survey

SURVEY_TALLY = "survey"
START_PREFIX = "sv-"  # /start sv-<survey id>: the card's "Answer" deep link
ANSWER_BUTTON = "sv-answer"  # where the platform has no deep links
_KEY = re.compile(r"^survey:id=(\d+)$")


def tally_key(survey: Survey) -> str:
    return f"{SURVEY_TALLY}:id={survey.id}"


def local_until(survey: Survey, class_group: ClassGroup) -> datetime | None:
    return survey.until.astimezone(ZoneInfo(class_group.timezone)) if survey.until else None


def answer_buttons(survey: Survey, language: str) -> tuple[tuple[Button, ...], ...]:
    label = render(language, "surveys.answer_button")
    if survey.bot_username:
        return ((Button(label, url=f"https://t.me/{survey.bot_username}?start={START_PREFIX}{survey.id}"),),)
    return ((Button(label, ANSWER_BUTTON, (str(survey.id),)),),)


async def view(session: AsyncSession, survey: Survey, class_group: ClassGroup) -> TallyView:
    closed = survey.closed_at is not None
    text = render(class_group.language, "surveys.card", survey=survey, total=len(survey.questions),
                  answered=await survey_responses.respondent_count(session, survey),
                  until=local_until(survey, class_group), closed=closed)
    return TallyView(text, () if closed else answer_buttons(survey, class_group.language))


async def card_push(session: AsyncSession, survey: Survey, class_group: ClassGroup, now: datetime) -> Push:
    shown = await view(session, survey, class_group)
    key = tally_key(survey)
    return Push(dedup_key=key, kind="survey_card", due_at=now, class_id=class_group.id,
                target=ChatRef(class_group.platform, class_group.chat_id, False), text=shown.text,
                buttons=shown.buttons, tally_key=key)


async def refresh(session: AsyncSession, survey: Survey, now: datetime) -> None:
    await tallies.refresh(session, tally_key(survey), now)


async def render_tally(session: AsyncSession, key: str) -> TallyView | None:
    match = _KEY.match(key)
    survey = await session.get(Survey, int(match.group(1))) if match else None
    if survey is None:
        return None
    return await view(session, survey, await session.get(ClassGroup, survey.class_id))
