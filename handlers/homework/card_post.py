"""The homework card in the group (📚 subject, the task, when it is due, 已交 12/40) and the count posted two
hours before due (📚 口算 已交 35/40). Both are live tallies: a submission asks for a refresh and the tally
mechanism (handlers.core.tallies) edits the message, throttled. The group sees counts only, never names."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import tallies
from handlers.core.messages import Button, ChatRef
from handlers.core.pushes import Push
from handlers.core.tallies import TallyView
from handlers.core.texts import render
from models import ClassGroup, Student, StudentStatus
from models.homework import HomeworkCard, HomeworkOccurrence, HomeworkSubmission

CARD_TALLY = "hw-card"
COUNT_TALLY = "hw-count"
START_PREFIX = "hw-"  # /start hw-<occurrence id>: the 📤 deep link
SUBMIT_BUTTON = "hw-submit"  # where the platform has no deep links, a button that answers privately
_KEY = re.compile(r"^(hw-card|hw-count):occ=(\d+)$")


def tally_key(name: str, occurrence: HomeworkOccurrence) -> str:
    return f"{name}:occ={occurrence.id}"


def submit_buttons(card: HomeworkCard, occurrence: HomeworkOccurrence, language: str):
    label = render(language, "homework.submit_button")
    if card.bot_username:
        url = f"https://t.me/{card.bot_username}?start={START_PREFIX}{occurrence.id}"
        return ((Button(label, url=url),),)
    return ((Button(label, SUBMIT_BUTTON, (str(occurrence.id),)),),)


async def counts(session: AsyncSession, occurrence: HomeworkOccurrence) -> tuple[int, int]:
    """(children who submitted, children on the roster) in one query."""
    submitted = select(func.count()).select_from(HomeworkSubmission).where(
        HomeworkSubmission.occurrence_id == occurrence.id)
    roster = select(func.count()).select_from(Student).where(Student.class_id == occurrence.class_id,
                                                             Student.status == StudentStatus.active)
    row = (await session.execute(select(submitted.scalar_subquery(), roster.scalar_subquery()))).one()
    return row[0], row[1]


def _view(name: str, card: HomeworkCard, occurrence: HomeworkOccurrence, class_group: ClassGroup,
          done: int, total: int) -> TallyView:
    language = class_group.language
    due = occurrence.due_at.astimezone(ZoneInfo(class_group.timezone))
    if name == COUNT_TALLY:
        return TallyView(render(language, "homework.count", subject=card.subject, done=done, total=total))
    text = render(language, "homework.card", card=card, day=occurrence.day, due=due, done=done, total=total)
    return TallyView(text, submit_buttons(card, occurrence, language))


async def card_push(session: AsyncSession, card: HomeworkCard, occurrence: HomeworkOccurrence,
                    class_group: ClassGroup, now: datetime) -> Push:
    done, total = await counts(session, occurrence)
    view = _view(CARD_TALLY, card, occurrence, class_group, done, total)
    key = tally_key(CARD_TALLY, occurrence)
    return Push(dedup_key=key, kind="homework_card", due_at=max(now, occurrence.opened_at), class_id=class_group.id,
                target=ChatRef(class_group.platform, class_group.chat_id, False), text=view.text,
                buttons=view.buttons, tally_key=key)


async def count_push(session: AsyncSession, card: HomeworkCard, occurrence: HomeworkOccurrence,
                     class_group: ClassGroup, due_at: datetime) -> Push:
    done, total = await counts(session, occurrence)
    key = tally_key(COUNT_TALLY, occurrence)
    return Push(dedup_key=key, kind="homework_count", due_at=due_at, class_id=class_group.id,
                target=ChatRef(class_group.platform, class_group.chat_id, False),
                text=_view(COUNT_TALLY, card, occurrence, class_group, done, total).text, tally_key=key)


async def refresh_counts(session: AsyncSession, occurrence: HomeworkOccurrence, now: datetime) -> None:
    """After a submission: the card's count, and the group count once it has been posted."""
    await tallies.refresh(session, tally_key(CARD_TALLY, occurrence), now)
    if occurrence.count_posted_at is not None:
        await tallies.refresh(session, tally_key(COUNT_TALLY, occurrence), now)


async def render_tally(session: AsyncSession, key: str) -> TallyView | None:
    """Both tallies' renderer: the message as it reads now."""
    match = _KEY.match(key)
    occurrence = await session.get(HomeworkOccurrence, int(match.group(2))) if match else None
    if occurrence is None:
        return None
    card = await session.get(HomeworkCard, occurrence.card_id)
    class_group = await session.get(ClassGroup, occurrence.class_id)
    done, total = await counts(session, occurrence)
    return _view(match.group(1), card, occurrence, class_group, done, total)
