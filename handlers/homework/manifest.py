"""The homework feature (作业打卡·批改): cards with the 📤 button, submissions, review, status and report
(pushes in schedules/homework.py)."""
from datetime import timedelta

from handlers.core.declarations import Command, Export, Feature, PushKind, ReportPart, Sub, Tally, WaitKind
from handlers.homework import card_post, cards, downloads, report, review, status, submit, today
from handlers.homework.report_part import homework_week
from handlers.homework.submissions import forget_submissions
from models import Role

TEACHER = (Role.teacher,)
ANY_MESSAGE = frozenset({"photo", "document", "voice", "text"})

FEATURE = Feature(
    name="homework",
    commands=(
        Command("hw", usage="homework.usage_hw", default="status", subcommands=(
            Sub("new", cards.new_card, roles=TEACHER, where="any", usage="homework.usage_hw_new"),
            Sub("status", status.status_command, roles=TEACHER, where="private"),
            Sub("report", report.report_command, roles=TEACHER, where="private", usage="homework.usage_hw_report"),
        )),
        Command("submit", submit.submit_command, keywords=("提交",), usage="homework.usage_submit",
                where="private", takes_photo=True),
        # Its own command, so that families have a keyword (作业) for it: /hw's default is the teacher's status.
        Command("homework", today.today_command, keywords=("作业",), where="private",
                usage="homework.usage_homework"),
        Command("review", review.review_command, keywords=("批改",), roles=TEACHER, where="private",
                usage="homework.usage_review"),
    ),
    buttons={card_post.SUBMIT_BUTTON: submit.submit_button, status.REMIND_BUTTON: status.remind_button},
    waits=(
        WaitKind(submit.CHILD_WAIT, submit.Sending, submit.child_chosen, accepts=frozenset({"choice"}),
                 prompt="help.choose_above"),
        WaitKind(submit.CONTENT_WAIT, submit.Sending, submit.content_sent, accepts=ANY_MESSAGE,
                 prompt="homework.waiting_content"),
        WaitKind(submit.MORE_WAIT, submit.Adding, submit.more_sent, accepts=ANY_MESSAGE,
                 prompt="homework.waiting_content", yields_to_keywords=True),
        WaitKind(review.REVIEW_WAIT, review.Reviewing, review.answered, accepts=frozenset({"choice", "text"}),
                 prompt="homework.review_prompt"),
    ),
    pushes=(
        # A card is worth posting until its homework is nearly due; a count or a nudge only near its time.
        PushKind("homework_card", timedelta(hours=6)),
        PushKind("homework_count", timedelta(minutes=45)),
        PushKind("homework_nudge", timedelta(minutes=30)),
        PushKind("homework_summary", timedelta(days=1)),
    ),
    tallies=(Tally(card_post.CARD_TALLY, card_post.render_tally), Tally(card_post.COUNT_TALLY, card_post.render_tally)),
    forget=forget_submissions,
    start_payloads={card_post.START_PREFIX: submit.open_from_link},
    report_parts=(ReportPart("homework", homework_week, lines="homework.report_lines", title="homework.report_title"),),
    exports=(Export(downloads.STATUS, downloads.status_list), Export(downloads.REPORT, downloads.report_list)),
)
