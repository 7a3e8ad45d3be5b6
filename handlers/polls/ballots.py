"""Who chose what, kept as the poll's kind allows: a named poll's vote names its person; an anonymous
poll's vote carries only HMAC(poll's salt, person), which finds one's own vote again (to change or
withdraw it, and to allow one vote per person) but names nobody. Nothing here logs a voter."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import delete, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.polls.voter_locks import lock_voter
from models.polls import Poll, PollSalt, PollVote


def new_salt(poll: Poll) -> PollSalt:
    return PollSalt(poll_id=poll.id, salt=secrets.token_bytes(32))


def voter_hash(salt: bytes, person_id: int) -> str:
    return hmac.new(salt, f"voter:{person_id}".encode(), hashlib.sha256).hexdigest()


async def _mine(session: AsyncSession, poll: Poll, person_id: int):
    """The condition that picks this person's votes in this poll, and the values a new vote of theirs gets.
    Until the transaction ends, this voter's other presses on this poll wait (voter_locks.py)."""
    if not poll.anonymous:
        await lock_voter(session, f"poll:{poll.id}", f"person:{person_id}")
        return PollVote.person_id == person_id, {"person_id": person_id}
    salt = await session.get(PollSalt, poll.id)
    if salt is None:  # erased at closing: nobody's vote can be found any more
        raise LookupError("the poll's salt is gone")
    hashed = voter_hash(salt.salt, person_id)
    await lock_voter(session, f"poll:{poll.id}", hashed)
    return PollVote.voter_hash == hashed, {"voter_hash": hashed}


async def tap(session: AsyncSession, poll: Poll, person_id: int, option: int) -> tuple[set[int], set[int]]:
    """A press on `option`: single choice votes, changes or (the same option again) withdraws; multi toggles.
    Returns the person's options before and after."""
    mine, values = await _mine(session, poll, person_id)
    before = set((await session.scalars(select(PollVote.option).where(PollVote.poll_id == poll.id, mine))).all())
    if option in before:
        after = before - {option}
    elif poll.multi:
        after = before | {option}
    else:
        after = {option}
    gone = before - after
    if gone:
        await session.execute(delete(PollVote).where(PollVote.poll_id == poll.id, mine, PollVote.option.in_(gone)))
    for added in sorted(after - before):
        session.add(PollVote(poll_id=poll.id, option=added, **values))
    await session.flush()
    return before, after


async def choose(session: AsyncSession, poll: Poll, person_id: int, options: set[int]) -> set[int]:
    """A vote written out (`投票 1 3`): the person's options become exactly `options`. Returns those before."""
    mine, values = await _mine(session, poll, person_id)
    before = set((await session.scalars(select(PollVote.option).where(PollVote.poll_id == poll.id, mine))).all())
    if before - options:
        await session.execute(delete(PollVote).where(PollVote.poll_id == poll.id, mine,
                                                     PollVote.option.in_(before - options)))
    for added in sorted(options - before):
        session.add(PollVote(poll_id=poll.id, option=added, **values))
    await session.flush()
    return before


async def option_counts(session: AsyncSession, poll: Poll) -> list[int]:
    rows = dict((await session.execute(select(PollVote.option, func.count()).where(PollVote.poll_id == poll.id)
                                       .group_by(PollVote.option))).all())
    return [rows.get(index, 0) for index in range(len(poll.options))]


async def voter_count(session: AsyncSession, poll: Poll) -> int:
    column = PollVote.voter_hash if poll.anonymous else PollVote.person_id
    return await session.scalar(select(func.count(distinct(column))).where(PollVote.poll_id == poll.id)) or 0


async def named_voters(session: AsyncSession, poll: Poll) -> set[int]:
    """The people who voted in a named poll (an anonymous poll knows none)."""
    if poll.anonymous:
        return set()
    return set((await session.scalars(select(PollVote.person_id).distinct().where(PollVote.poll_id == poll.id))).all())


async def forget_salt(session: AsyncSession, poll: Poll) -> None:
    """At closing: without the salt no hash can be matched to a person again, by the bot or anyone."""
    await session.execute(delete(PollSalt).where(PollSalt.poll_id == poll.id))
