"""School terms, for volunteer points: the autumn term runs from 1 September to the end of January, the spring
term from 1 February to the end of August (the class's own calendar, in its time zone)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Term:
    first: date
    next_first: date  # the first day of the following term
    autumn: bool

    @property
    def year(self) -> int:
        return self.first.year

    def bounds(self, timezone: str) -> tuple[datetime, datetime]:
        zone = ZoneInfo(timezone)
        return (datetime.combine(self.first, time(), zone), datetime.combine(self.next_first, time(), zone))


def term_of(day: date) -> Term:
    if day.month >= 9:
        return Term(date(day.year, 9, 1), date(day.year + 1, 2, 1), True)
    if day.month == 1:
        return Term(date(day.year - 1, 9, 1), date(day.year, 2, 1), True)
    return Term(date(day.year, 2, 1), date(day.year, 9, 1), False)
