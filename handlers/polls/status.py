"""/poll status <id> (privately; its creator or a teacher): the counts, and for a named poll who has not
voted, with a "remind" button that nudges exactly those people privately, once per poll. Who has not voted
is every member of the class but its teachers; an anonymous poll records no voter, so it has no such list."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import exports
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Button, ButtonPress
from handlers.polls import ballots, lookup
from handlers.polls.tally import rows, vote_buttons
from models import Identity, Membership, Person, Role
from models.polls import Poll

REMIND_BUTTON = "poll-remind"
RESULTS_EXPORT = "poll-results"  # handlers.polls.downloads, which reads this module's list of who has not voted


async def not_voted(session: AsyncSession, poll: Poll) -> list[Person]:
    if poll.anonymous:
        return []
    voted = await ballots.named_voters(session, poll)
    members = (await session.scalars(select(Person).join(Membership, Membership.person_id == Person.id).where(
        Membership.class_id == poll.class_id, Membership.role != Role.teacher).order_by(Person.display_name,
                                                                                       Person.id))).all()
    return [person for person in members if person.id not in voted]


async def status_command(ctx: Context, args: Args) -> None:
    poll = await lookup.poll_by_ref(ctx, args.word(0))
    await lookup.require_manager(ctx, poll)
    missing = await not_voted(ctx.session, poll)
    closed = poll.closed_at is not None
    buttons: tuple = ()
    if missing and not closed and poll.reminded_at is None:
        buttons = ((Button(ctx.text("polls.remind_button"), REMIND_BUTTON, (str(poll.id),)),),)
    buttons += (exports.button(ctx, RESULTS_EXPORT, str(poll.id)),)
    counts = await ballots.option_counts(ctx.session, poll)
    ctx.say("polls.status", poll=poll, rows=rows(poll, counts), voters=await ballots.voter_count(ctx.session, poll),
            missing=[person.display_name for person in missing], reminded=poll.reminded_at is not None,
            closed=closed, buttons=buttons)


async def remind_button(ctx: Context, press: ButtonPress) -> None:
    number = lookup.poll_number(press.args[0] if press.args else "")
    poll = await ctx.session.get(Poll, number) if number is not None else None
    if poll is None:
        raise UserError("stale_button")
    await lookup.require_manager(ctx, poll)
    if poll.closed_at is not None:
        raise UserError("polls.closed")
    if poll.reminded_at is not None:
        raise UserError("polls.already_reminded")
    missing = await not_voted(ctx.session, poll)
    reachable = set((await ctx.session.scalars(select(Identity.person_id).where(
        Identity.person_id.in_([person.id for person in missing]), Identity.reachable.is_(True),
        Identity.private_chat_id.is_not(None)))).all())
    reached = [person for person in missing if person.id in reachable]
    for person in reached:
        ctx.tell(person, "polls.nudge", question=poll.question, buttons=vote_buttons(poll))
    poll.reminded_at = ctx.now()
    ctx.say("polls.reminded", people=len(reached))
