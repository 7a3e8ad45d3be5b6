"""/survey status <id> (privately; teachers and reps of its class): how many have answered and, for a named
survey, who has not (every member but the teachers; with per=family, a family counts once whoever of it
answered), with a "remind" button that nudges exactly those privately, once per survey. An anonymous
survey shows no names: its reminder still reaches only those who have not answered, found by hashing each
member with the salt at the moment of the press, and the asker learns only how many were reminded."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Button, ButtonPress
from handlers.polls import survey_lookup, survey_responses
from handlers.polls.lookup import poll_number
from handlers.polls.survey_card import answer_buttons
from models import Identity, Membership, Person, Role
from models.surveys import Survey

REMIND_BUTTON = "sv-remind"


async def not_answered(session: AsyncSession, survey: Survey) -> list[Person]:
    done = await survey_responses.finished_keys(session, survey)
    members = (await session.scalars(select(Person).join(Membership, Membership.person_id == Person.id).where(
        Membership.class_id == survey.class_id, Membership.role != Role.teacher).order_by(Person.display_name,
                                                                                         Person.id))).all()
    missing = []
    for person in members:
        try:
            keys = await survey_responses.keys_of(session, survey, person.id)
        except ValueError:  # per=family, and no child in the class: not asked
            continue
        except LookupError:  # closed: nobody can be told apart any more
            return []
        if keys.final not in done:
            missing.append(person)
    return missing


async def status_command(ctx: Context, args: Args) -> None:
    survey = await survey_lookup.survey_by_ref(ctx, args.word(0))
    await survey_lookup.require_reader(ctx, survey)
    closed = survey.closed_at is not None
    missing = [] if closed else await not_answered(ctx.session, survey)
    buttons = ()
    if missing and survey.reminded_at is None:
        buttons = ((Button(ctx.text("surveys.remind_button"), REMIND_BUTTON, (str(survey.id),)),),)
    ctx.say("surveys.status", survey=survey, answered=await survey_responses.respondent_count(ctx.session, survey),
            missing=[] if survey.anonymous else [person.display_name for person in missing],
            missing_count=len(missing), reminded=survey.reminded_at is not None, closed=closed, buttons=buttons)


async def remind_button(ctx: Context, press: ButtonPress) -> None:
    number = poll_number(press.args[0] if press.args else "")
    survey = await ctx.session.get(Survey, number) if number is not None else None
    if survey is None:
        raise UserError("stale_button")
    await survey_lookup.require_reader(ctx, survey)
    if not survey_lookup.is_open(survey, ctx.now()):
        raise UserError("surveys.closed")
    if survey.reminded_at is not None:
        raise UserError("surveys.already_reminded")
    missing = await not_answered(ctx.session, survey)
    reachable = set((await ctx.session.scalars(select(Identity.person_id).where(
        Identity.person_id.in_([person.id for person in missing]), Identity.reachable.is_(True),
        Identity.private_chat_id.is_not(None)))).all())
    reached = [person for person in missing if person.id in reachable]
    for person in reached:
        ctx.tell(person, "surveys.nudge", title=survey.title, buttons=answer_buttons(survey, person.language))
    survey.reminded_at = ctx.now()
    ctx.say("surveys.reminded", people=len(reached))
