"""Quiet hours hold a push until the class's morning, on the class's own wall clock."""
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from models.quiet_hours import in_quiet_hours, quiet_hours_end

NIGHT = (time(21, 30), time(7, 0))


def at(zone: str, *args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York"])
def test_an_evening_push_waits_for_seven_the_next_morning_in_every_zone(zone):
    release = quiet_hours_end(at(zone, 2026, 11, 24, 22, 15), zone, *NIGHT)
    assert release.astimezone(ZoneInfo(zone)) == at(zone, 2026, 11, 25, 7, 0)
    assert release.tzinfo == UTC


def test_a_push_after_midnight_waits_for_the_same_morning():
    release = quiet_hours_end(at("Asia/Shanghai", 2026, 11, 25, 3, 0), "Asia/Shanghai", *NIGHT)
    assert release.astimezone(ZoneInfo("Asia/Shanghai")) == at("Asia/Shanghai", 2026, 11, 25, 7, 0)


def test_a_push_in_the_day_goes_when_due():
    moment = at("Asia/Shanghai", 2026, 11, 24, 20, 0)
    assert quiet_hours_end(moment, "Asia/Shanghai", *NIGHT) == moment


def test_the_edges_start_quiet_and_end_loud():
    assert in_quiet_hours(time(21, 30), *NIGHT)
    assert not in_quiet_hours(time(21, 29, 59), *NIGHT)
    assert not in_quiet_hours(time(7, 0), *NIGHT)
    assert in_quiet_hours(time(6, 59, 59), *NIGHT)


def test_a_window_inside_one_day_and_an_empty_window():
    assert in_quiet_hours(time(13, 0), time(12, 0), time(14, 0))
    assert not in_quiet_hours(time(15, 0), time(12, 0), time(14, 0))
    assert not in_quiet_hours(time(23, 0), time(0, 0), time(0, 0))


def test_the_night_the_clocks_go_back_in_london_still_ends_at_seven_local():
    # 25 Oct 2026: 02:00 BST becomes 01:00 GMT, so this night lasts an hour longer in UTC.
    release = quiet_hours_end(at("Europe/London", 2026, 10, 24, 23, 0), "Europe/London", *NIGHT)
    assert release == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    summer = quiet_hours_end(at("Europe/London", 2026, 10, 17, 23, 0), "Europe/London", *NIGHT)
    assert summer == datetime(2026, 10, 18, 6, 0, tzinfo=UTC)


def test_the_night_the_clocks_go_forward_in_new_york_ends_at_seven_daylight_time():
    release = quiet_hours_end(at("America/New_York", 2026, 3, 7, 23, 0), "America/New_York", *NIGHT)
    assert release == datetime(2026, 3, 8, 11, 0, tzinfo=UTC)  # 07:00 EDT


def test_an_end_time_the_clocks_skip_resolves_to_a_real_instant_after_the_gap():
    # 02:30 does not exist in New York on 8 March 2026: quiet hours 22:00-02:30 end at 03:30 EDT.
    release = quiet_hours_end(at("America/New_York", 2026, 3, 8, 1, 0), "America/New_York", time(22, 0), time(2, 30))
    assert release == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert not in_quiet_hours(release.astimezone(ZoneInfo("America/New_York")).time(), time(22, 0), time(2, 30))


def test_far_from_utc_the_local_date_decides_not_the_utc_date():
    # 23:00 in Kiritimati (UTC+14) is 09:00 UTC the same day: a UTC-based check would call it daytime.
    moment = at("Pacific/Kiritimati", 2026, 11, 24, 23, 0)
    assert moment.astimezone(UTC).hour == 9
    assert quiet_hours_end(moment, "Pacific/Kiritimati", *NIGHT) == datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
