"""Sign-up lists (接龙): /signup to post one, a button per slot to take or release a place, /signup close, the
volunteer points of /signup stats, and 接龙 1 written out on WeChat."""
from datetime import timedelta

from handlers.core.declarations import Command, Export, Feature, PushKind, ReportPart, Sub, Tally
from handlers.signups import close, create, downloads, places, stats, take, tally, text_take
from handlers.signups.report_part import signups_week
from models import Role

POSTERS = (Role.teacher, Role.rep)
MEMBERS = (Role.teacher, Role.rep, Role.parent)

FEATURE = Feature(
    name="signups",
    commands=(
        # `/signup "护学岗" 周一 x3 | 周二 x3` posts: a first word that names no subcommand is the title.
        Command("signup", usage="signups.usage_signup", default="new", fallback="new", subcommands=(
            Sub("new", create.create_list, roles=POSTERS, usage="signups.usage_new"),
            # Points are per family: a private figure, never shown in the group.
            Sub("stats", stats.stats_command, roles=POSTERS, where="private", usage="signups.usage_stats"),
            Sub("close", close.close_command, roles=POSTERS, usage="signups.usage_close"),
        )),
        Command("take", text_take.take_command, roles=MEMBERS, where="private", keywords=("接龙",),
                usage="signups.usage_take"),
    ),
    buttons={tally.TAKE_BUTTON: take.take_button},
    # A list is still worth posting a day late: its slots are usually for the days after.
    pushes=(PushKind("signup_post", timedelta(days=1)),),
    tallies=(Tally(tally.SIGNUP_TALLY, tally.render_tally),),
    forget=places.forget,
    report_parts=(ReportPart("signups", signups_week, lines="signups.report_lines", title="signups.report_title"),),
    exports=(Export(downloads.POINTS, downloads.points_list),),
)
