"""Two presses by one person at the same moment on a single-choice poll record one option, never two: the
second press waits for the first to commit and then changes the vote, as a second tap does. On PostgreSQL
the two transactions really overlap (this test holds the first open while the second starts); SQLite runs
one writer at a time, so there the second simply comes after the first."""
import asyncio

import pytest
from sqlalchemy import select, text

from handlers.polls import ballots
from models.polls import Poll
from support.habit_class import person_id_of
from support.poll_class import PollWorker, ask, poll_class, votes


async def _waiting_for_a_lock(sessions) -> bool:
    async with sessions() as session:
        return bool(await session.scalar(text("SELECT count(*) FROM pg_locks WHERE NOT granted")))


@pytest.mark.parametrize("anonymous", [False, True])
async def test_two_presses_at_once_on_a_single_choice_poll_leave_one_vote(dialog, sessions, clock, database_url,
                                                                         anonymous):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite takes one writer at a time: its presses cannot overlap")
    _, rep, parents = await poll_class(dialog)
    question = '/poll "周五去哪里？" 公园 | 博物馆' + (" anon" if anonymous else "")
    await ask(rep, PollWorker(dialog, sessions, clock), question)
    mum = await person_id_of(sessions, parents["小明"])

    first = sessions()
    async with first.begin():
        poll = await first.scalar(select(Poll))
        await ballots.tap(first, poll, mum, 0)  # 公园, not committed yet

        async def second_press():
            async with sessions() as second, second.begin():
                return await ballots.tap(second, await second.scalar(select(Poll)), mum, 1)  # 博物馆

        pressed = asyncio.create_task(second_press())
        for _ in range(500):  # until the second press is seen waiting for the first (not a timing assert)
            if await _waiting_for_a_lock(sessions):
                break
            await asyncio.sleep(0.01)
        assert not pressed.done()
    await first.close()
    before, after = await pressed
    assert (before, after) == ({0}, {1})  # the second press saw the first vote and changed it
    assert [vote.option for vote in await votes(sessions)] == [1]
