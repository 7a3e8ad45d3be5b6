"""Answering a survey privately, one question at a time (PRODUCT.md §7): buttons for choices and ratings,
a message for text, "back" to the question before, "skip" for an optional text, the progress (`3/7`),
then a thank-you. It opens from the card's deep link (`/start sv-<id>`), from `/survey answer [id]`, or
on WeChat from `问卷` (the buttons become numbered replies there). Each answer is written into the
person's draft at once; finishing turns the draft into their (or their family's) response, replacing an
earlier one, so answering again until the deadline is a restart that loses nothing halfway."""
from __future__ import annotations

from pydantic import BaseModel

from handlers.core import waits
from handlers.core.arguments import Args
from handlers.core.class_items import role_in
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.polls import survey_lookup, survey_responses
from handlers.polls.lookup import poll_number
from handlers.polls.survey_card import local_until, refresh
from models import ClassGroup
from models.surveys import MAX_TEXT_ANSWER, Survey, SurveyResponse

ANSWER_WAIT = "surveys.answer"


class Answering(BaseModel):
    """Where the person is in the survey; the answers themselves are in their draft, found by its key."""

    survey_id: int
    position: int


async def answer_command(ctx: Context, args: Args) -> None:
    ref = args.word(0)
    if ref is not None:
        number = poll_number(ref)
        survey = next((s for s in await survey_lookup.open_surveys(ctx) if s.id == number), None)
        if survey is None:
            raise UserError("surveys.unknown_survey", ref=ref)
    else:
        found = await survey_lookup.open_surveys(ctx)
        if not found:
            raise UserError("surveys.no_open_survey")
        survey = found[0]
    await open_survey(ctx, survey)


async def open_from_link(ctx: Context, payload: str) -> None:
    """/start sv-<id>: the card's "Answer" link opens the private chat here. A refusal is said without
    /start's usage line under it: the person tapped a link, they typed no command."""
    number = poll_number(payload)
    survey = await ctx.session.get(Survey, number) if number is not None else None
    try:
        if survey is None:
            raise UserError("surveys.unknown_survey", ref=payload)
        await open_survey(ctx, survey)  # refuses before it writes anything
    except UserError as error:
        ctx.say(error.key, **error.values)


async def answer_button(ctx: Context, press: ButtonPress) -> None:
    """The card's button where the platform has no deep links: answering happens in the private chat."""
    if not ctx.is_private:
        raise UserError("surveys.answer_privately")
    await open_from_link(ctx, press.args[0] if press.args else "")


async def open_survey(ctx: Context, survey: Survey) -> None:
    ctx.require_private()
    if not survey_lookup.is_open(survey, ctx.now()):
        raise UserError("surveys.closed")
    if await role_in(ctx, survey.class_id) is None:
        raise UserError("surveys.not_a_member")
    try:
        keys = await survey_responses.keys_of(ctx.session, survey, ctx.person.id)
    except ValueError:
        raise UserError("surveys.families_only") from None
    answered = await survey_responses.response(ctx.session, survey, keys.final, draft=False) is not None
    draft = await survey_responses.start_draft(ctx.session, survey, keys)
    class_group = await ctx.session.get(ClassGroup, survey.class_id)
    ctx.say("surveys.intro", survey=survey, total=len(survey.questions), answered=answered,
            until=local_until(survey, class_group))
    await ask(ctx, survey, draft, 0)


async def ask(ctx: Context, survey: Survey, draft: SurveyResponse, position: int, *, edit: bool = False,
              note: str | None = None) -> None:
    """Shows question `position` with its buttons and waits for its answer."""
    question = survey.questions[position]
    wait_id = await waits.begin(ctx, ANSWER_WAIT, Answering(survey_id=survey.id, position=position))
    given = await survey_responses.answers_to(ctx.session, draft, position)
    chosen = {answer.choice for answer in given if answer.choice is not None}
    written = next((answer.text for answer in given if answer.text is not None), None)
    rows = []
    kind = question["kind"]
    if kind == "single":
        rows = [(waits.choice(wait_id, ("✅ " if index in chosen else "") + text, "pick", str(index)),)
                for index, text in enumerate(question["options"])]
    elif kind == "multi":
        rows = [(waits.choice(wait_id, ("☑️ " if index in chosen else "⬜ ") + text, "toggle", str(index)),)
                for index, text in enumerate(question["options"])]
    elif kind == "rating":
        rows = [tuple(waits.choice(wait_id, ("✅" if value in chosen else "") + str(value), "pick", str(value))
                      for value in range(question["low"], question["high"] + 1))]
    steps = []
    if position > 0:
        steps.append(waits.choice(wait_id, ctx.text("surveys.back_button"), "back"))
    if kind == "multi":
        steps.append(waits.choice(wait_id, ctx.text("surveys.done_button"), "next"))
    elif given:
        steps.append(waits.choice(wait_id, ctx.text("surveys.keep_button"), "next"))
    if kind == "text" and question["optional"]:
        steps.append(waits.choice(wait_id, ctx.text("surveys.skip_button"), "skip"))
    if steps:
        rows.append(tuple(steps))
    text = ctx.text("surveys.question", number=position + 1, total=len(survey.questions), question=question,
                    chosen=[question["options"][index] for index in sorted(chosen)] if kind != "rating" else
                    sorted(chosen), written=written, note=note)
    ctx.replies.append(Reply(text=text, buttons=tuple(rows),
                             edit_message_id=ctx.incoming.message_id if edit else None))


async def answered(ctx: Context, data: Answering, answer: waits.Answer) -> None:
    """A button under a question, or a message: records it and moves on (or back)."""
    survey = await ctx.session.get(Survey, data.survey_id)
    if survey is None or not survey_lookup.is_open(survey, ctx.now()):
        ctx.say("surveys.closed")
        return
    try:
        keys = await survey_responses.keys_of(ctx.session, survey, ctx.person.id)
    except (LookupError, ValueError):
        ctx.say("surveys.closed")
        return
    draft = await survey_responses.response(ctx.session, survey, keys.draft, draft=True)
    if draft is None or not 0 <= data.position < len(survey.questions):
        raise UserError("stale_button")
    position, question = data.position, survey.questions[data.position]
    kind = question["kind"]
    given = await survey_responses.answers_to(ctx.session, draft, position)
    if answer.choice is None:
        typed = poll_number(answer.text)
        if kind == "rating" and typed is not None and _valid(question, typed):  # a rating typed, not tapped
            await survey_responses.set_answer(ctx.session, draft, position, choices={typed})
            return await _next(ctx, survey, draft, keys, position)
        if kind != "text":
            return await ask(ctx, survey, draft, position, note=ctx.text("surveys.tap_a_button"))
        if len(answer.text) > MAX_TEXT_ANSWER:
            return await ask(ctx, survey, draft, position,
                             note=ctx.text("surveys.text_too_long", limit=MAX_TEXT_ANSWER))
        await survey_responses.set_answer(ctx.session, draft, position, text=answer.text)
        return await _next(ctx, survey, draft, keys, position)
    action, values = answer.choice[0] if answer.choice else "", answer.choice[1:]
    if action == "back" and position > 0:
        return await ask(ctx, survey, draft, position - 1)
    if action == "skip" and kind == "text" and question["optional"]:
        await survey_responses.set_answer(ctx.session, draft, position)
        return await _next(ctx, survey, draft, keys, position)
    if action == "next":
        if not given and not question["optional"]:
            return await ask(ctx, survey, draft, position, note=ctx.text("surveys.answer_first"))
        return await _next(ctx, survey, draft, keys, position)
    value = poll_number(values[0]) if values else None
    if action == "pick" and value is not None and _valid(question, value):
        await survey_responses.set_answer(ctx.session, draft, position, choices={value})
        return await _next(ctx, survey, draft, keys, position)
    if action == "toggle" and kind == "multi" and value is not None and _valid(question, value):
        chosen = {a.choice for a in given} ^ {value}
        await survey_responses.set_answer(ctx.session, draft, position, choices=chosen)
        return await ask(ctx, survey, draft, position, edit=True)
    raise UserError("stale_button")


def _valid(question: dict, value: int) -> bool:
    if question["kind"] == "rating":
        return question["low"] <= value <= question["high"]
    return question["kind"] in ("single", "multi") and 0 <= value < len(question["options"])


async def _next(ctx: Context, survey: Survey, draft: SurveyResponse, keys, position: int) -> None:
    if position + 1 < len(survey.questions):
        return await ask(ctx, survey, draft, position + 1)
    replaced = await survey_responses.finish(ctx.session, survey, draft, keys)
    await refresh(ctx.session, survey, ctx.now())
    class_group = await ctx.session.get(ClassGroup, survey.class_id)
    ctx.say("surveys.thanks", survey=survey, replaced=replaced, until=local_until(survey, class_group))
