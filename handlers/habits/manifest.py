"""The habits feature: 21-day plans, check-ins and make-ups, progress, the daily post and its count, the
private nudge, the weekly stars, the certificate and the plan summary (pushes in schedules/habits.py)."""
from datetime import timedelta

from handlers.core.declarations import (
    ANYONE,
    MEMBERS,
    Command,
    Export,
    Feature,
    PushKind,
    ReportPart,
    Sub,
    Tally,
    WaitKind,
)
from handlers.habits import checkin, daily_post, downloads, plans, progress
from handlers.habits.checkin_records import forget_checkin_notes
from handlers.habits.report_part import habits_week
from models import Role

FEATURE = Feature(
    name="habits",
    commands=(
        Command("plan", keywords=("计划",), usage="habits.usage_plan", default="list", subcommands=(
            # A teacher's plan is the class's; a parent's is a family plan for their own child.
            Sub("new", plans.new_plan, roles=(Role.teacher, Role.parent)),
            Sub("list", plans.list_plans, roles=ANYONE),
            Sub("show", plans.show_plan, roles=ANYONE),
            Sub("stop", plans.stop_plan, roles=ANYONE),  # its teacher, or the family for its own plan
        )),
        Command("checkin", checkin.checkin_command, keywords=("打卡",), usage="habits.usage_checkin", takes_photo=True),
        Command("makeup", checkin.makeup_command, keywords=("补卡",), usage="habits.usage_makeup", takes_photo=True),
        # Members only: someone in no class (or erased by /forgetme) is told how to join, not "no plan".
        Command("progress", progress.progress, keywords=("进度",), usage="habits.usage_progress", roles=MEMBERS),
    ),
    buttons={"checkin": checkin.checkin_button},
    waits=(
        WaitKind(checkin.CHOICE_WAIT, checkin.Attempt, checkin.choice_made, accepts=frozenset({"choice"}),
                 prompt="help.choose_above"),
        WaitKind(checkin.EVIDENCE_WAIT, checkin.AwaitedEvidence, checkin.evidence_sent,
                 accepts=frozenset({"photo", "text"}), prompt="habits.waiting_photo"),
    ),
    pushes=(
        PushKind("habit_daily", timedelta(hours=2)),
        PushKind("habit_nudge", timedelta(hours=1)),
        PushKind("habit_stars", timedelta(hours=12)),
        # A certificate or a plan summary is worth having days late; a reminder is not.
        PushKind("habit_certificate", timedelta(days=3)),
        PushKind("habit_summary", timedelta(days=7)),
    ),
    tallies=(Tally(daily_post.TALLY, daily_post.render_daily_post),),
    forget=forget_checkin_notes,
    report_parts=(ReportPart("habits", habits_week, lines="habits.report_lines", title="habits.report_title"),),
    exports=(Export(downloads.PROGRESS, downloads.progress_list),),
)
