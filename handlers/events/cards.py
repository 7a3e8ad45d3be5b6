"""The event's two messages in the group, both live tallies (handlers.core.tallies), counts only:
- the RSVP card: title, time, going / not going / no answer, and the two buttons until the event starts
  or its check-in opens;
- the check-in message, posted by `/event checkin`: the 📍 签到 button for two hours and how many families
  checked in; once closed it says so, without the button."""
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
from handlers.events import answers
from models import ClassGroup
from models.events import Event

CARD_TALLY = "event"
CHECKIN_TALLY = "event-checkin"
RSVP_BUTTON = "event-rsvp"
CHECKIN_BUTTON = "event-checkin"
GOING, NOT_GOING = "yes", "no"
_KEY = re.compile(r"^(event|event-checkin):id=(\d+)$")


def card_key(event: Event) -> str:
    return f"{CARD_TALLY}:id={event.id}"


def checkin_key(event: Event) -> str:
    return f"{CHECKIN_TALLY}:id={event.id}"


def local(moment: datetime | None, class_group: ClassGroup) -> datetime | None:
    return moment.astimezone(ZoneInfo(class_group.timezone)) if moment else None


def rsvp_open(event: Event, now: datetime) -> bool:
    return event.checkin_opened_at is None and now < event.starts_at


def checkin_open(event: Event, now: datetime) -> bool:
    return (event.checkin_opened_at is not None and event.checkin_closes_at is not None
            and now < event.checkin_closes_at)


# A message is rendered from its rows alone (an edit is made whenever the worker gets to it): the card keeps
# its buttons until the check-in opens, the check-in its button until its closing has been handled.
def card_shows_buttons(event: Event) -> bool:
    return event.checkin_opened_at is None


def checkin_shows_button(event: Event) -> bool:
    return event.checkin_opened_at is not None and event.attendance_sent_at is None


def rsvp_buttons(event: Event, language: str) -> tuple[tuple[Button, ...], ...]:
    return ((Button(render(language, "events.going_button"), RSVP_BUTTON, (str(event.id), GOING)),
             Button(render(language, "events.not_going_button"), RSVP_BUTTON, (str(event.id), NOT_GOING))),)


def checkin_buttons(event: Event, language: str) -> tuple[tuple[Button, ...], ...]:
    return ((Button(render(language, "events.checkin_button"), CHECKIN_BUTTON, (str(event.id),)),),)


async def card_view(session: AsyncSession, event: Event, class_group: ClassGroup) -> TallyView:
    going, not_going, families = await answers.rsvp_counts(session, event)
    is_open = card_shows_buttons(event)
    text = render(class_group.language, "events.card", event=event, at=local(event.starts_at, class_group),
                  going=going, not_going=not_going, silent=max(families - going - not_going, 0), open=is_open)
    return TallyView(text, rsvp_buttons(event, class_group.language) if is_open else ())


async def checkin_view(session: AsyncSession, event: Event, class_group: ClassGroup) -> TallyView:
    is_open = checkin_shows_button(event)
    text = render(class_group.language, "events.checkin_post", event=event, present=await answers.checkin_count(
        session, event), until=local(event.checkin_closes_at, class_group), open=is_open)
    return TallyView(text, checkin_buttons(event, class_group.language) if is_open else ())


def _group(class_group: ClassGroup) -> ChatRef:
    return ChatRef(class_group.platform, class_group.chat_id, False)


async def card_push(session: AsyncSession, event: Event, class_group: ClassGroup, now: datetime) -> Push:
    shown = await card_view(session, event, class_group)
    key = card_key(event)
    return Push(dedup_key=key, kind="event_post", due_at=now, class_id=class_group.id, target=_group(class_group),
                text=shown.text, buttons=shown.buttons, tally_key=key)


async def checkin_push(session: AsyncSession, event: Event, class_group: ClassGroup, now: datetime) -> Push:
    """Urgent: the teacher opens it at the event, which may run into the evening's quiet hours."""
    shown = await checkin_view(session, event, class_group)
    key = checkin_key(event)
    return Push(dedup_key=key, kind="event_checkin", due_at=now, class_id=class_group.id, target=_group(class_group),
                text=shown.text, buttons=shown.buttons, tally_key=key, urgent=True)


async def refresh_card(session: AsyncSession, event: Event, now: datetime) -> None:
    await tallies.refresh(session, card_key(event), now)


async def refresh_checkin(session: AsyncSession, event: Event, now: datetime) -> None:
    await tallies.refresh(session, checkin_key(event), now)


async def render_tally(session: AsyncSession, key: str) -> TallyView | None:
    match = _KEY.match(key)
    event = await session.get(Event, int(match.group(2))) if match else None
    if event is None:
        return None
    class_group = await session.get(ClassGroup, event.class_id)
    if match.group(1) == CARD_TALLY:
        return await card_view(session, event, class_group)
    return await checkin_view(session, event, class_group)
