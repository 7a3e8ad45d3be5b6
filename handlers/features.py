"""Every feature of ClassBridge, one line each. The dispatcher, the scheduler (schedules/<feature>.py) and the
WeChat adapter read this list; a new feature adds its package under handlers/ and its line here."""

FEATURES = (
    "classes",  # setting up a class, joining, the roster, members, settings, help
    "habits",  # 21-day habit plans, check-ins, make-ups, progress, daily posts, stars, certificates
    "homework",  # homework cards, submissions, teacher review, status, reminders, the report
    "highlights",  # weekly highlights with photos, the coverage check, the Friday digest, private copies, ❤️
    "polls",  # quick polls and questionnaires: buttons, live tallies, who has not answered, reminders, results, charts
    "notices",  # notices: now or at a time, ✅ 收到 with a live count, status, the one reminder to the unconfirmed
    "events",  # events: an RSVP card with live counts, a two-hour check-in, the attendance to the teacher
    "signups",  # sign-up lists (接龙): a button per slot, the names per slot, volunteer points, 接龙 1 on WeChat
    "reports",  # the week in one answer (/report week): every feature's report part, its XLSX and chart
)
