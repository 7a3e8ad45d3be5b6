"""`投票 1` / `/vote 1 3` privately: a vote written out, for chats without buttons (the WeChat Official
Account), on the latest open poll of the person's classes, or on a named one: `投票 #5 1` (or `投票 5 1`
when 5 cannot be an option there). The numbers are the options' places, from 1; the vote is set to them."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.polls import ballots, lookup
from handlers.polls.tally import refresh
from models import Membership
from models.polls import Poll


def _numbers(words: list[str]) -> list[int]:
    numbers = []
    for word in words:
        number = lookup.poll_number(word)
        if number is None:
            raise UserError("polls.bad_vote", value=word)
        numbers.append(number)
    return numbers


async def _open_polls(ctx: Context) -> list[Poll]:
    """Open polls of the person's classes, the latest first."""
    now = ctx.now()
    return list((await ctx.session.scalars(select(Poll).join(Membership, Membership.class_id == Poll.class_id).where(
        Membership.person_id == ctx.person.id, Poll.closed_at.is_(None),
        (Poll.until.is_(None)) | (Poll.until > now)).order_by(Poll.created_at.desc(), Poll.id.desc()))).all())


def _pick(polls: list[Poll], words: list[str]) -> tuple[Poll, list[str]]:
    explicit = words[0].startswith("#")
    if not explicit and len(words) > 1 and polls:
        latest, first = polls[0], lookup.poll_number(words[0])
        explicit = first is not None and (not latest.multi or first > len(latest.options)) and any(
            poll.id == first for poll in polls)
    if explicit:
        number = lookup.poll_number(words[0])
        poll = next((poll for poll in polls if poll.id == number), None)
        if poll is None:
            raise UserError("polls.unknown_poll", ref=words[0])
        return poll, words[1:]
    if not polls:
        raise UserError("polls.no_open_poll")
    return polls[0], words


async def vote_command(ctx: Context, args: Args) -> None:
    if not args.words:
        raise UserError("polls.missing_vote")
    poll, words = _pick(await _open_polls(ctx), args.words)
    if not words:
        raise UserError("polls.missing_vote")
    numbers = _numbers(words)
    if any(not 1 <= number <= len(poll.options) for number in numbers):
        raise UserError("polls.no_such_option", count=len(poll.options))
    if len(set(numbers)) > 1 and not poll.multi:
        raise UserError("polls.only_one")
    chosen = {number - 1 for number in numbers}
    before = await ballots.choose(ctx.session, poll, ctx.person.id, chosen)
    await refresh(ctx.session, poll, ctx.now())
    if poll.multi:
        ctx.say("polls.chosen", options=[poll.options[index] for index in sorted(chosen)])
    else:
        ctx.say("polls.changed" if before and before != chosen else "polls.voted",
                option=poll.options[next(iter(chosen))])
