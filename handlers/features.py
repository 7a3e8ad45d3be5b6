"""Every feature of ClassBridge, one line each. The dispatcher, the scheduler (schedules/<feature>.py) and the
WeChat adapter read this list; a new feature adds its package under handlers/ and its line here."""

FEATURES = (
    "classes",  # setting up a class, joining, the roster, members, settings, help
    "habits",  # 21-day habit plans, check-ins, make-ups, progress, daily posts, stars, certificates
    "homework",  # homework cards, submissions, teacher review, status, reminders, the report
    "highlights",  # weekly highlights with photos, the coverage check, the Friday digest, private copies, ❤️
    "polls",  # quick polls and questionnaires: buttons, live tallies, who has not answered, reminders, results, charts
)
