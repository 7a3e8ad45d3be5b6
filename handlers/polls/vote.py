"""A press on a poll's option button: votes, changes or withdraws (multi: toggles the option), answered
with a popup only the voter sees, and the tally asked to refresh. Any member of the poll's class votes;
the press works under the group's poll and under a private reminder alike."""
from __future__ import annotations

from handlers.core.class_items import role_in
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.polls import ballots, lookup
from handlers.polls.tally import refresh
from models.polls import Poll


async def vote_button(ctx: Context, press: ButtonPress) -> None:
    number = lookup.poll_number(press.args[0]) if len(press.args) == 2 else None
    poll = await ctx.session.get(Poll, number) if number is not None else None
    option = lookup.poll_number(press.args[1]) if poll is not None else None
    if poll is None or option is None or option >= len(poll.options):
        raise UserError("stale_button")
    if poll.closed_at is not None or (poll.until is not None and poll.until <= ctx.now()):
        raise UserError("polls.closed")
    if await role_in(ctx, poll.class_id) is None:
        raise UserError("polls.not_a_member")
    before, after = await ballots.tap(ctx.session, poll, ctx.person.id, option)
    await refresh(ctx.session, poll, ctx.now())
    if poll.multi:
        text = ctx.text("polls.chosen", options=[poll.options[index] for index in sorted(after)])
    elif not after:
        text = ctx.text("polls.withdrawn")
    else:
        key = "polls.changed" if before else "polls.voted"
        text = ctx.text(key, option=poll.options[option])
    ctx.replies.append(Reply(text=text, popup=True))
