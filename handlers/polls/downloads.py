"""A poll's result as a download (handlers.core.exports), for whoever may see /poll status: each option with
its count and share, and for a named poll the members who have not voted (an anonymous one knows no one)."""
from __future__ import annotations

from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.exports import ExportList, Table
from handlers.polls import ballots, lookup
from handlers.polls.status import RESULTS_EXPORT, not_voted
from handlers.polls.tally import rows as option_rows
from models import ClassGroup
from models.polls import Poll

RESULTS = RESULTS_EXPORT


async def results_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    number = lookup.poll_number(args[0]) if args else None
    poll = await ctx.session.get(Poll, number) if number is not None else None
    if poll is None:
        raise UserError("stale_button")
    await lookup.require_manager(ctx, poll)
    class_group = await ctx.session.get(ClassGroup, poll.class_id)
    counts = await ballots.option_counts(ctx.session, poll)
    tables = [Table(ctx.text("polls.export_title"), ctx.text("polls.export_header").split("|"),
                    [[poll.question, index, row.text, row.count, row.percent]
                     for index, row in enumerate(option_rows(poll, counts), start=1)])]
    if not poll.anonymous:
        tables.append(Table(ctx.text("polls.export_missing_title"), ctx.text("polls.export_missing_header").split("|"),
                            [[poll.question, person.display_name] for person in await not_voted(ctx.session, poll)]))
    return ExportList(class_group, tables, f"poll-{poll.id}")
