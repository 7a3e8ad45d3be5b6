"""Notices (通知): /notice to post now or at a time, the ✅ 收到 button and its live count, /notice status,
`收到` for chats without buttons, and the one reminder a day later (schedules/notices.py)."""
from datetime import timedelta

from handlers.core.declarations import Command, Export, Feature, PushKind, ReportPart, Sub, Tally
from handlers.notices import confirm, create, downloads, forget, post, status
from handlers.notices.report_part import notices_week
from models import Role

POSTERS = (Role.teacher, Role.rep)
MEMBERS = (Role.teacher, Role.rep, Role.parent)

FEATURE = Feature(
    name="notices",
    commands=(
        # `/notice "text" ack`: a first word that names no subcommand is the notice's text.
        # A photo sent with it goes with the notice (on WeChat, the photo sent just before it).
        Command("notice", usage="notices.usage_notice", default="new", fallback="new", takes_photo=True,
                subcommands=(
            Sub("new", create.create_notice, roles=POSTERS, usage="notices.usage_new"),
            Sub("status", status.status_command, roles=POSTERS, where="private", usage="notices.usage_status"),
        )),
        # Privately only: in the group a written "收到" is the chatter the button replaces.
        Command("ack", confirm.ack_command, roles=MEMBERS, where="private", keywords=("收到",),
                usage="notices.usage_ack", menu=False),
    ),
    buttons={post.ACK_BUTTON: confirm.ack_button},
    pushes=(
        # A notice is still worth posting late for a day; its reminder too (it asks for something undone).
        PushKind("notice_post", timedelta(days=1)),
        PushKind("notice_reminder", timedelta(days=1)),
    ),
    tallies=(Tally(post.NOTICE_TALLY, post.render_tally),),
    forget=forget.forget,
    report_parts=(ReportPart("notices", notices_week, lines="notices.report_lines", title="notices.report_title"),),
    exports=(Export(downloads.CONFIRMATIONS, downloads.confirmations_list),),
)
