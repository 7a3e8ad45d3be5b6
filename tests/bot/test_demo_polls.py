"""The demo class comes with an open named poll: votes in, the rest of the class still to vote, and the
poll waiting in the outbox for the sandbox group."""
from datetime import UTC, datetime

from sqlalchemy import select

from bot.demo import add_demo_class
from bot.demo_polls import QUESTION, VOTES
from handlers.polls import ballots
from handlers.polls.status import not_voted
from models import OutboxMessage
from models.polls import Poll


async def test_the_demo_has_an_open_named_poll_with_votes_and_people_yet_to_vote(sessions):
    async with sessions.begin() as session:
        await add_demo_class(session, "Asia/Shanghai", datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    async with sessions() as session:
        poll = await session.scalar(select(Poll))
        assert (poll.question, poll.anonymous, poll.closed_at) == (QUESTION, False, None)
        assert await ballots.voter_count(session, poll) == len(VOTES)
        assert len(await not_voted(session, poll)) > 0
        post = await session.scalar(select(OutboxMessage).where(OutboxMessage.tally_key == f"poll:id={poll.id}"))
        assert post is not None and QUESTION in post.text and len(post.buttons) == 3
