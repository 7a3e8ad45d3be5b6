"""The poll in the group: the question, a bar per option with its count, how many voted, and one button
per option. It is a live tally (handlers.core.tallies): a vote asks for a refresh and the edits are
throttled; once the poll is closed it reads as closed and its buttons are gone. Counts only, no names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import tallies
from handlers.core.messages import Button, ChatRef
from handlers.core.pushes import Push
from handlers.core.tallies import TallyView
from handlers.core.texts import render
from handlers.polls import ballots
from models import ClassGroup
from models.polls import Poll

POLL_TALLY = "poll"
VOTE_BUTTON = "poll-vote"
BAR_WIDTH = 8
_KEY = re.compile(r"^poll:id=(\d+)$")


@dataclass(frozen=True)
class Row:
    text: str
    count: int
    percent: int
    bar: str


def tally_key(poll: Poll) -> str:
    return f"{POLL_TALLY}:id={poll.id}"


def rows(poll: Poll, counts: list[int]) -> list[Row]:
    total, most = sum(counts), max(counts, default=0)
    return [Row(text, count, round(100 * count / total) if total else 0,
                "█" * round(BAR_WIDTH * count / most) if most else "")
            for text, count in zip(poll.options, counts, strict=True)]


def vote_buttons(poll: Poll) -> tuple[tuple[Button, ...], ...]:
    return tuple((Button(text, VOTE_BUTTON, (str(poll.id), str(index))),) for index, text in enumerate(poll.options))


def local_until(poll: Poll, class_group: ClassGroup) -> datetime | None:
    return poll.until.astimezone(ZoneInfo(class_group.timezone)) if poll.until else None


async def view(session: AsyncSession, poll: Poll, class_group: ClassGroup) -> TallyView:
    counts = await ballots.option_counts(session, poll)
    closed = poll.closed_at is not None
    text = render(class_group.language, "polls.tally", poll=poll, rows=rows(poll, counts),
                  voters=await ballots.voter_count(session, poll), until=local_until(poll, class_group), closed=closed)
    return TallyView(text, () if closed else vote_buttons(poll))


async def poll_push(session: AsyncSession, poll: Poll, class_group: ClassGroup, now: datetime) -> Push:
    shown = await view(session, poll, class_group)
    key = tally_key(poll)
    # The WeCom group has no buttons: its copy says how to vote from WeChat instead.
    robot = render(class_group.language, "polls.robot", poll=poll, rows=rows(poll, await ballots.option_counts(
        session, poll)), voters=await ballots.voter_count(session, poll), until=local_until(poll, class_group))
    return Push(dedup_key=key, kind="poll_post", due_at=now, class_id=class_group.id,
                target=ChatRef(class_group.platform, class_group.chat_id, False), text=shown.text,
                buttons=shown.buttons, tally_key=key, robot_text=robot)


async def refresh(session: AsyncSession, poll: Poll, now: datetime) -> None:
    await tallies.refresh(session, tally_key(poll), now)


async def render_tally(session: AsyncSession, key: str) -> TallyView | None:
    match = _KEY.match(key)
    poll = await session.get(Poll, int(match.group(1))) if match else None
    if poll is None:
        return None
    return await view(session, poll, await session.get(ClassGroup, poll.class_id))
