"""Weekly habit stars (习惯小明星): who kept every plan day of the week, and who improved the most.

Praise only: the result names the children to celebrate and says nothing about the others, so nothing
here can be turned into a ranking."""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from models.habit_rules import days_between


@dataclass(frozen=True)
class Stars:
    week: list[date]  # the plan days of the week looked at
    full_week: list[int]  # children (ids) who kept every one of them
    most_improved: list[int]  # the largest rise in weekly completion over the week before; ties share it


def week_before(digest_day: date) -> tuple[date, date]:
    """The seven class days ending the day before the digest: the digest's own day is still open
    (its reminder usually comes later in the evening), so it belongs to next week's stars."""
    return digest_day - timedelta(days=7), digest_day - timedelta(days=1)


def habit_stars(start: date, days: int, digest_day: date, kept: Mapping[int, Collection[date]]) -> Stars:
    """`kept` maps every taking-part child, in roster order, to their kept days (on time or made up)."""
    first, last = week_before(digest_day)
    week = days_between(start, days, first, last)
    if not week:
        return Stars(week, [], [])
    full = [child for child, child_days in kept.items() if all(day in child_days for day in week)]
    earlier = days_between(start, days, first - timedelta(days=7), last - timedelta(days=7))
    if not earlier:
        return Stars(week, full, [])
    rises = {}
    for child, child_days in kept.items():
        if child in full:
            continue  # already celebrated for the full week
        now = Fraction(sum(day in child_days for day in week), len(week))
        before = Fraction(sum(day in child_days for day in earlier), len(earlier))
        if now > before:
            rises[child] = now - before
    best = max(rises.values(), default=None)
    return Stars(week, full, [child for child, rise in rises.items() if rise == best])
