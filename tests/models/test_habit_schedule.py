"""When a plan's posts, nudges and stars are due, in the class's own time zone and around its quiet hours."""
from datetime import UTC, date, datetime, time
from types import SimpleNamespace

import pytest

from models.habit_schedule import next_digest, next_nudge, nudge_time
from models.habits import PlanMode

QUIET = (time(21, 30), time(7, 0))


@pytest.mark.parametrize("remind,quiet,expected", [
    (time(18, 0), QUIET, time(20, 0)),  # two hours after the post
    (time(20, 0), QUIET, time(21, 20)),  # 22:00 would be quiet: just before quiet hours instead
    (time(21, 10), QUIET, None),  # 21:20 is only ten minutes after the post: no nudge
    (time(6, 30), QUIET, None),  # the post itself is in quiet hours
    (time(23, 0), (time(0, 0), time(0, 0)), time(23, 50)),  # no quiet hours, but the nudge keeps to its day
    (time(11, 0), (time(12, 0), time(14, 0)), time(11, 50)),  # a midday rest counts too
])
def test_the_nudge_comes_two_hours_after_the_post_but_before_quiet_hours(remind, quiet, expected):
    assert nudge_time(remind, *quiet) == expected


def plan(**fields):
    values = dict(start_date=date(2026, 11, 25), end_date=date(2026, 12, 15), remind_at=time(20, 0),
                  mode=PlanMode.required, is_family=False)
    values.update(fields)
    return SimpleNamespace(**values)


CLASS = SimpleNamespace(timezone="Asia/Shanghai", quiet_start=QUIET[0], quiet_end=QUIET[1], digest_weekday=4,
                        digest_time=time(16, 0))


def test_nudges_are_in_the_class_time_zone_and_stop_after_the_last_day():
    assert next_nudge(plan(), CLASS, None) == datetime(2026, 11, 25, 13, 20, tzinfo=UTC)
    new_york = SimpleNamespace(**{**vars(CLASS), "timezone": "America/New_York"})
    assert next_nudge(plan(), new_york, date(2026, 11, 30)) == datetime(2026, 12, 2, 2, 20, tzinfo=UTC)
    assert next_nudge(plan(), CLASS, date(2026, 12, 15)) is None
    assert next_nudge(plan(mode=PlanMode.optional), CLASS, None) is None


def test_stars_come_every_digest_day_whose_week_holds_a_plan_day():
    fridays = []
    after = None
    while (due := next_digest(plan(), CLASS, after)) is not None:
        after = due.astimezone(UTC).date()
        fridays.append(after)
    assert fridays == [date(2026, 11, 27), date(2026, 12, 4), date(2026, 12, 11), date(2026, 12, 18)]
    assert next_digest(plan(is_family=True), CLASS, None) is None
