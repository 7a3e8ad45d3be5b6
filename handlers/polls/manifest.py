"""Quick polls (投票): /poll to ask, buttons to vote, /poll status and its reminder, /poll close, and the
close at `until` (schedules/polls.py)."""
from datetime import timedelta

from handlers.core.declarations import Command, Export, Feature, PushKind, ReportPart, Sub, Tally
from handlers.polls import close, create, downloads, status, tally, text_vote, vote
from handlers.polls.report_part import polls_week
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
    ),
    buttons={tally.VOTE_BUTTON: vote.vote_button, status.REMIND_BUTTON: status.remind_button},
    pushes=(
        # A poll is worth posting late for a day; its result too (the poll's closing is what it tells).
        PushKind("poll_post", timedelta(days=1)),
        PushKind("poll_result", timedelta(days=1)),
    ),
    tallies=(Tally(tally.POLL_TALLY, tally.render_tally),),
    report_parts=(ReportPart("polls", polls_week, lines="polls.report_lines", title="polls.report_title"),),
    exports=(Export(downloads.RESULTS, downloads.results_list),),
)
