"""Events (活动·签到): /event posts an RSVP card with live counts, /event checkin opens a two-hour check-in,
/event status shows the attendance so far; `报名` and `签到` for chats without buttons; the teachers get the
attendance when the check-in closes (schedules/events.py)."""
from datetime import timedelta

from handlers.core.declarations import Command, Export, Feature, PushKind, ReportPart, Sub, Tally
from handlers.events import attendance, cards, checkin, create, downloads, forget, rsvp
from handlers.events.report_part import events_week
from models import Role

ORGANISERS = (Role.teacher, Role.rep)
MEMBERS = (Role.teacher, Role.rep, Role.parent)

FEATURE = Feature(
    name="events",
    commands=(
        # `/event "家长会" 12-05 15:00`: a first word that names no subcommand is the title.
        Command("event", usage="events.usage_event", default="new", fallback="new", subcommands=(
            Sub("new", create.create_event, roles=ORGANISERS, usage="events.usage_new"),
            Sub("checkin", checkin.open_command, roles=ORGANISERS, usage="events.usage_checkin"),
            Sub("status", attendance.status_command, roles=ORGANISERS, where="private",
                usage="events.usage_status"),
        )),
        # Privately, for chats without buttons (WeChat): the card's choices, numbered; the check-in.
        Command("rsvp", rsvp.rsvp_command, roles=MEMBERS, where="private", keywords=("报名",),
                usage="events.usage_rsvp", menu=False),
        Command("attend", checkin.attend_command, roles=MEMBERS, where="private", keywords=("签到",),
                usage="events.usage_attend", menu=False),
    ),
    buttons={cards.RSVP_BUTTON: rsvp.rsvp_button, cards.CHECKIN_BUTTON: checkin.checkin_button},
    pushes=(
        PushKind("event_post", timedelta(days=1)),
        PushKind("event_checkin", timedelta(hours=2)),  # no use once the check-in is over
        PushKind("event_attendance", timedelta(days=3)),
    ),
    tallies=(Tally(cards.CARD_TALLY, cards.render_tally), Tally(cards.CHECKIN_TALLY, cards.render_tally)),
    forget=forget.forget,
    report_parts=(ReportPart("events", events_week, lines="events.report_lines", title="events.report_title"),),
    exports=(Export(downloads.ATTENDANCE, downloads.attendance_list),),
)
