"""Quiet hours (免打扰): the class's night, in its own time zone, when pushes wait for the morning."""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def in_quiet_hours(local: time, start: time, end: time) -> bool:
    if start == end:
        return False  # an empty window: the class turned quiet hours off
    if start < end:
        return start <= local < end
    return local >= start or local < end  # the usual case, spanning midnight


def quiet_hours_end(moment: datetime, zone: str, start: time, end: time) -> datetime:
    """When a push due at `moment` may go out: `moment` itself, or the end of the quiet hours it falls in.

    Computed on the wall clock of the class, so "07:00" stays 07:00 across a daylight-saving change; an
    end time that the change skips (a 02:30 that never happens) resolves to the first instant after it."""
    tz = ZoneInfo(zone)
    local = moment.astimezone(tz)
    if not in_quiet_hours(local.time(), start, end):
        return moment
    end_day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    release = datetime.combine(end_day, end, tzinfo=tz)
    # A wall time inside a spring-forward gap does not exist: round-tripping through UTC moves it
    # forward to a real instant, and never back into the quiet hours.
    release = release.astimezone(UTC)
    return max(release, moment.astimezone(UTC))
