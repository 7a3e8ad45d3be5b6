"""The list in the group: each slot with its places taken and the names of the families who took them (a
volunteer list is public by nature, and these are the only names PRODUCT.md §2 lets the group see), and a
button per slot. A live tally (handlers.core.tallies): a tap asks for a refresh and edits are throttled;
once closed the list stays, reading as closed, without buttons."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import tallies
from handlers.core.messages import Button, ChatRef
from handlers.core.pushes import Push
from handlers.core.tallies import TallyView
from handlers.core.texts import render
from handlers.signups import places
from models import ClassGroup
from models.signups import SignupList

SIGNUP_TALLY = "signup"
TAKE_BUTTON = "signup-take"
_KEY = re.compile(r"^signup:id=(\d+)$")


@dataclass(frozen=True)
class SlotRow:
    number: int  # from 1, as 接龙 1 names it
    name: str
    places: int
    names: list[str]

    @property
    def taken(self) -> int:
        return len(self.names)

    @property
    def full(self) -> bool:
        return self.taken >= self.places


def tally_key(signup: SignupList) -> str:
    return f"{SIGNUP_TALLY}:id={signup.id}"


async def slot_rows(session: AsyncSession, signup: SignupList) -> list[SlotRow]:
    names = await places.names_by_slot(session, signup)
    return [SlotRow(slot.position + 1, slot.name, slot.places, names.get(slot.id, []))
            for slot in await places.slots_of(session, signup)]


def take_buttons(language: str, signup: SignupList, rows: list[SlotRow]) -> tuple[tuple[Button, ...], ...]:
    return tuple((Button(render(language, "signups.button", row=row), TAKE_BUTTON,
                         (str(signup.id), str(row.number - 1))),) for row in rows)


async def view(session: AsyncSession, signup: SignupList, class_group: ClassGroup) -> TallyView:
    rows = await slot_rows(session, signup)
    closed = signup.closed_at is not None
    text = render(class_group.language, "signups.tally", signup=signup, rows=rows, closed=closed)
    return TallyView(text, () if closed else take_buttons(class_group.language, signup, rows))


async def list_push(session: AsyncSession, signup: SignupList, class_group: ClassGroup, now: datetime) -> Push:
    shown = await view(session, signup, class_group)
    key = tally_key(signup)
    # The WeCom group has no buttons: its copy says how to sign up from WeChat instead.
    robot = render(class_group.language, "signups.robot", signup=signup,
                   rows=await slot_rows(session, signup))
    return Push(dedup_key=key, kind="signup_post", due_at=now, class_id=class_group.id,
                target=ChatRef(class_group.platform, class_group.chat_id, False), text=shown.text,
                buttons=shown.buttons, tally_key=key, robot_text=robot)


async def refresh(session: AsyncSession, signup: SignupList, now: datetime) -> None:
    await tallies.refresh(session, tally_key(signup), now)


async def render_tally(session: AsyncSession, key: str) -> TallyView | None:
    match = _KEY.match(key)
    signup = await session.get(SignupList, int(match.group(1))) if match else None
    if signup is None:
        return None
    return await view(session, signup, await session.get(ClassGroup, signup.class_id))
