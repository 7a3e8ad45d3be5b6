"""Closing a poll: by `/poll close <id>` (its creator or a teacher), or at its `until` (schedules/polls.py).
The poll's message loses its buttons and reads as closed, the final result goes to the group with a bar
chart, and an anonymous poll's salt is erased."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ChatRef, Media
from handlers.core.outbox import enqueue
from handlers.core.pushes import Push
from handlers.core.texts import render
from handlers.polls import ballots, lookup
from handlers.polls.chart import bar_chart
from handlers.polls.tally import refresh, rows
from models import ClassGroup
from models.polls import Poll


async def close_poll(session: AsyncSession, poll: Poll, now: datetime) -> Push:
    """Marks the poll closed and returns the result's push; the caller enqueues it."""
    class_group = await session.get(ClassGroup, poll.class_id)
    counts = await ballots.option_counts(session, poll)
    voters = await ballots.voter_count(session, poll)
    poll.closed_at = now
    await ballots.forget_salt(session, poll)
    await refresh(session, poll, now)
    language = class_group.language
    chart = bar_chart(render(language, "polls.chart_title", question=poll.question), list(poll.options), counts,
                      render(language, "polls.chart_axis"))
    return Push(dedup_key=f"poll-result:id={poll.id}", kind="poll_result", due_at=now, class_id=class_group.id,
                target=ChatRef(class_group.platform, class_group.chat_id, False),
                text=render(language, "polls.result", poll=poll, rows=rows(poll, counts), voters=voters),
                media=(Media("photo", chart, f"poll-{poll.id}.png"),))


async def close_command(ctx: Context, args: Args) -> None:
    poll = await lookup.poll_by_ref(ctx, args.word(0))
    await lookup.require_manager(ctx, poll)
    if poll.closed_at is not None:
        raise UserError("polls.already_closed", poll=poll)
    now = ctx.now()
    await enqueue(ctx.session, await close_poll(ctx.session, poll, now), now)
    ctx.audit(await ctx.session.get(ClassGroup, poll.class_id), "poll_close", poll_id=poll.id)
    ctx.say("polls.closed_now", poll=poll)
