"""The rules of a habit plan as pure functions on dates: day numbers, the calendar, streaks and completion.

A day is *kept* when it has a check-in, on time or made up (补卡). The rules:

- Completion counts every kept day: kept days / plan days. A child *completes* a plan with kept days
  ≥ 80% of its days.
- A streak is a run of consecutive kept days, counted without the make-ups at its end: a make-up counts
  toward a streak only when an on-time check-in follows it in the same run, i.e. when it fills a gap.
  Making up yesterday therefore keeps the run alive, and today's check-in then counts the whole run.
- The current streak is the streak of the run that reaches today, or yesterday while today is still
  open; any other run is over and the current streak is 0.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta
from enum import StrEnum

COMPLETION_SHARE = (4, 5)  # 80%, as a fraction so that no rounding decides who completed


class Mark(StrEnum):
    done = "done"
    makeup = "makeup"
    missed = "missed"
    open = "open"  # today, not checked in yet
    future = "future"


def end_of(start: date, days: int) -> date:
    return start + timedelta(days=days - 1)


def day_number(start: date, day: date) -> int:
    return (day - start).days + 1


def plan_days(start: date, days: int) -> list[date]:
    return [start + timedelta(days=offset) for offset in range(days)]


def calendar(start: date, days: int, today: date, on_time: Collection[date], makeups: Collection[date]) -> list[Mark]:
    marks = []
    for day in plan_days(start, days):
        if day in on_time:
            marks.append(Mark.done)
        elif day in makeups:
            marks.append(Mark.makeup)
        elif day > today:
            marks.append(Mark.future)
        elif day == today:
            marks.append(Mark.open)
        else:
            marks.append(Mark.missed)
    return marks


def _runs(on_time: Collection[date], makeups: Collection[date]) -> Iterable[tuple[date, int]]:
    """(last day, streak) of every run of consecutive kept days."""
    on_time = set(on_time)
    kept = sorted(on_time | set(makeups))
    run: list[date] = []
    for day in kept + [None]:
        if run and (day is None or day - run[-1] != timedelta(days=1)):
            streak = len(run)
            while streak and run[streak - 1] not in on_time:
                streak -= 1
            yield run[-1], streak
            run = []
        if day is not None:
            run.append(day)


def current_streak(today: date, on_time: Collection[date], makeups: Collection[date]) -> int:
    for last, streak in _runs(on_time, makeups):
        if last >= today - timedelta(days=1):
            return streak
    return 0


def longest_streak(on_time: Collection[date], makeups: Collection[date]) -> int:
    return max((streak for _, streak in _runs(on_time, makeups)), default=0)


def kept_count(start: date, days: int, on_time: Collection[date], makeups: Collection[date]) -> int:
    end = end_of(start, days)
    return sum(1 for day in set(on_time) | set(makeups) if start <= day <= end)


def completed(kept: int, days: int) -> bool:
    numerator, denominator = COMPLETION_SHARE
    return kept * denominator >= days * numerator


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def days_between(start: date, days: int, first: date, last: date) -> list[date]:
    """The plan days inside [first, last]."""
    return [day for day in plan_days(start, days) if first <= day <= last]


def weekly_share(week: list[date], kept: Collection[date]) -> tuple[int, int]:
    return sum(1 for day in week if day in kept), len(week)


def elapsed_days(start: date, days: int, today: date) -> int:
    """Plan days so far: from the start through today (today counts: it is a plan day too), within the plan."""
    last = min(today, end_of(start, days))
    return max(0, (last - start).days + 1)


FULL, MOSTLY, HALF, LESS = range(4)  # 全勤, ≥ 80%, 50–79%, < 50%
HALF_SHARE = (1, 2)


def attendance_bucket(kept: int, elapsed: int) -> int | None:
    """Where a child stands over the days so far; None before the plan has had a day. Full attendance is
    every day so far kept: a child at 0 of 0 days is nobody's full attendance."""
    if elapsed <= 0:
        return None
    if kept >= elapsed:
        return FULL
    if completed(kept, elapsed):
        return MOSTLY
    numerator, denominator = HALF_SHARE
    return HALF if kept * denominator >= elapsed * numerator else LESS


def attendance(start: date, days: int, today: date, records: Iterable[tuple[Collection[date], Collection[date]]]
               ) -> list[int]:
    """How many children are in each bucket, from each child's (on-time days, make-up days)."""
    elapsed = elapsed_days(start, days, today)
    last = start + timedelta(days=elapsed - 1)
    buckets = [0, 0, 0, 0]
    for on_time, makeups in records:
        kept = sum(1 for day in set(on_time) | set(makeups) if start <= day <= last)
        bucket = attendance_bucket(kept, elapsed)
        if bucket is not None:
            buckets[bucket] += 1
    return buckets
