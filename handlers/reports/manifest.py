"""Reports (PRODUCT.md §8): /report week, the week's figures of every feature that declares a report part in
its manifest (`Feature.report_parts`), as a message, an XLSX and a chart; and the weekly report a teacher can
have sent privately (`/settings report=fri 17:00`, schedules/reports.py)."""
from datetime import timedelta

from handlers.core.declarations import Command, Feature, PushKind, Setting, Sub
from handlers.reports import command, weekly

FEATURE = Feature(
    name="reports",
    commands=(
        Command("report", usage="reports.usage_report", default="week", keywords=("报告",), subcommands=(
            Sub("week", command.week_command, roles=command.READERS, where="private"),
        )),
    ),
    # A report found late (the bot was down) is still the week's figures for a day.
    pushes=(PushKind("report_week", timedelta(days=1)),),
    settings=(Setting(weekly.SETTING, weekly.apply, weekly.shown),),
)
