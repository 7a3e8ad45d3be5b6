"""Quick polls (投票): /poll to ask, buttons to vote, /poll status and its reminder, /poll close, and the
close at `until` (schedules/polls.py). Questionnaires (问卷) live here too, in the survey_* modules: they
share the polls' anonymity (a salted hash, the salt erased at closing), chart, reminders and closing."""
from datetime import timedelta

from handlers.core.declarations import Command, Export, Feature, PushKind, ReportPart, Sub, Tally, WaitKind
from handlers.polls import (
    close,
    create,
    downloads,
    status,
    survey_answer,
    survey_card,
    survey_close,
    survey_create,
    survey_results,
    survey_status,
    tally,
    text_vote,
    vote,
)
from handlers.polls.report_part import polls_week
from handlers.polls.survey_report_part import surveys_week
from models import Role

ASKERS = (Role.teacher, Role.rep)
MEMBERS = (Role.teacher, Role.rep, Role.parent)

FEATURE = Feature(
    name="polls",
    commands=(
        # `/poll "question" a | b` asks: a first word that names no subcommand is the question.
        Command("poll", usage="polls.usage_poll", default="new", fallback="new", subcommands=(
            Sub("new", create.create_poll, roles=ASKERS, usage="polls.usage_new"),
            Sub("status", status.status_command, roles=ASKERS, where="private", usage="polls.usage_status"),
            Sub("close", close.close_command, roles=ASKERS, usage="polls.usage_close"),
        )),
        # Privately only: in a group the answer would show everyone an anonymous voter's choice.
        Command("vote", text_vote.vote_command, roles=MEMBERS, where="private", keywords=("投票",),
                usage="polls.usage_vote"),
        # `/survey` alone (or 问卷 on WeChat) answers the latest open survey; `/survey 5` that one.
        Command("survey", usage="surveys.usage_survey", default="answer", fallback="answer", keywords=("问卷",),
                subcommands=(
                    Sub("new", survey_create.new_survey, roles=ASKERS, usage="surveys.usage_new"),
                    Sub("answer", survey_answer.answer_command, roles=MEMBERS, where="private",
                        usage="surveys.usage_answer"),
                    Sub("results", survey_results.results_command, roles=ASKERS, where="private",
                        usage="surveys.usage_results"),
                    Sub("export", survey_results.export_command, roles=ASKERS, where="private",
                        usage="surveys.usage_export"),
                    Sub("status", survey_status.status_command, roles=ASKERS, where="private",
                        usage="surveys.usage_status"),
                    Sub("close", survey_close.close_command, roles=ASKERS, usage="surveys.usage_close"),
                )),
    ),
    buttons={tally.VOTE_BUTTON: vote.vote_button, status.REMIND_BUTTON: status.remind_button,
             survey_card.ANSWER_BUTTON: survey_answer.answer_button,
             survey_status.REMIND_BUTTON: survey_status.remind_button},
    waits=(
        WaitKind(survey_create.BLOCK_WAIT, survey_create.WaitingBlock, survey_create.block_sent,
                 accepts=frozenset({"text"}), prompt="surveys.block_prompt"),
        WaitKind(survey_answer.ANSWER_WAIT, survey_answer.Answering, survey_answer.answered,
                 accepts=frozenset({"choice", "text"}), prompt="surveys.answer_prompt"),
    ),
    pushes=(
        # A poll is worth posting late for a day; its result too (the poll's closing is what it tells).
        PushKind("poll_post", timedelta(days=1)),
        PushKind("poll_result", timedelta(days=1)),
        PushKind("survey_card", timedelta(days=1)),
        PushKind("survey_result", timedelta(days=1)),
    ),
    tallies=(Tally(tally.POLL_TALLY, tally.render_tally), Tally(survey_card.SURVEY_TALLY, survey_card.render_tally)),
    start_payloads={survey_card.START_PREFIX: survey_answer.open_from_link},
    report_parts=(ReportPart("polls", polls_week, lines="polls.report_lines", title="polls.report_title"),
                  ReportPart("surveys", surveys_week, lines="surveys.report_lines", title="surveys.report_title")),
    exports=(Export(downloads.RESULTS, downloads.results_list),),
)
