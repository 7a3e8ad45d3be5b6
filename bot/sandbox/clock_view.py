"""The sandbox's time as its page shows it: the class's local date, weekday and time."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

WEEKDAYS = ("星期一 Mon", "星期二 Tue", "星期三 Wed", "星期四 Thu", "星期五 Fri", "星期六 Sat", "星期日 Sun")


def clock_view(now: datetime, zone: str) -> dict:
    local = now.astimezone(ZoneInfo(zone))
    return {"now": now.isoformat(), "zone": zone, "date": local.strftime("%Y-%m-%d"),
            "weekday": WEEKDAYS[local.weekday()], "time": local.strftime("%H:%M")}
