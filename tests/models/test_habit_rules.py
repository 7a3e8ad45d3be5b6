"""Streaks, completion and the calendar against a plain reference written another way (a day string)."""
import re
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from models.habit_rules import (
    Mark,
    attendance,
    attendance_bucket,
    calendar,
    completed,
    current_streak,
    day_number,
    elapsed_days,
    end_of,
    kept_count,
    longest_streak,
)

START = date(2026, 11, 25)


@st.composite
def plans(draw):
    """A plan, a day inside or around it, and a child's record up to that day."""
    days = draw(st.integers(1, 40))
    today = START + timedelta(days=draw(st.integers(-2, days + 2)))
    past = [START + timedelta(days=i) for i in range(days) if START + timedelta(days=i) <= today]
    on_time = set(draw(st.lists(st.sampled_from(past), unique=True))) if past else set()
    rest = [day for day in past if day not in on_time and day < today]
    makeups = set(draw(st.lists(st.sampled_from(rest), unique=True))) if rest else set()
    return days, today, on_time, makeups


def day_string(today, on_time, makeups) -> str:
    """'o' on time, 'm' made up, '-' nothing, one letter per day from the start up to today."""
    length = max((today - START).days + 1, 0)
    days = [START + timedelta(days=i) for i in range(length)]
    return "".join("o" if d in on_time else "m" if d in makeups else "-" for d in days)


def reference_streaks(today, on_time, makeups) -> tuple[int, int]:
    text = day_string(today, on_time, makeups)
    current, longest = 0, 0
    for run in re.finditer(r"[om]+", text):
        counted = len(run.group().rstrip("m"))  # make-ups after the last on-time day do not count
        longest = max(longest, counted)
        if run.end() >= len(text) - 1:  # the run reaches today or yesterday
            current = counted
    return current, longest


@given(plans())
def test_streaks_match_the_reference(plan):
    _, today, on_time, makeups = plan
    assert (current_streak(today, on_time, makeups), longest_streak(on_time, makeups)) == \
        reference_streaks(today, on_time, makeups)


@given(plans())
def test_a_streak_never_exceeds_the_longest_nor_the_days_kept(plan):
    days, today, on_time, makeups = plan
    current, longest = current_streak(today, on_time, makeups), longest_streak(on_time, makeups)
    assert current <= longest <= kept_count(START, days, on_time, makeups)


@given(plans())
def test_completion_is_kept_days_over_plan_days_with_make_ups_counted(plan):
    days, _, on_time, makeups = plan
    kept = kept_count(START, days, on_time, makeups)
    assert kept == len(on_time) + len(makeups)
    assert completed(kept, days) == (Fraction(kept, days) >= Fraction(4, 5))


@given(plans())
def test_the_calendar_marks_every_day_once(plan):
    days, today, on_time, makeups = plan
    marks = calendar(START, days, today, on_time, makeups)
    assert len(marks) == days
    assert marks.count(Mark.done) == len(on_time) and marks.count(Mark.makeup) == len(makeups)
    assert marks.count(Mark.open) == (1 if START <= today <= end_of(START, days) and today not in on_time else 0)
    future = [i for i, mark in enumerate(marks) if mark == Mark.future]
    assert all(START + timedelta(days=i) > today for i in future)


def test_a_make_up_that_fills_a_gap_joins_the_streak():
    on_time = {START, START + timedelta(days=1), START + timedelta(days=3)}
    today = START + timedelta(days=3)
    assert current_streak(today, on_time, set()) == 1
    assert current_streak(today, on_time, {START + timedelta(days=2)}) == 4


def test_a_make_up_of_yesterday_keeps_the_streak_alive_but_adds_nothing_until_today():
    on_time = {START, START + timedelta(days=1)}
    yesterday, today = START + timedelta(days=2), START + timedelta(days=3)
    assert current_streak(today, on_time, {yesterday}) == 2
    assert current_streak(today, on_time | {today}, {yesterday}) == 4
    assert current_streak(today, on_time, set()) == 0


def test_day_numbers_count_from_one():
    assert day_number(START, START) == 1 and day_number(START, end_of(START, 21)) == 21


def reference_bucket(days, today, on_time, makeups):
    """Written another way: one letter per plan day up to today; full attendance is no '-' at all."""
    text = day_string(min(today, end_of(START, days)), on_time, makeups)
    if not text:
        return None
    share = Fraction(len(text) - text.count("-"), len(text))
    return 0 if share == 1 else 1 if share >= Fraction(4, 5) else 2 if share >= Fraction(1, 2) else 3


@given(plans())
def test_attendance_buckets_match_the_reference(plan):
    days, today, on_time, makeups = plan
    elapsed = elapsed_days(START, days, today)
    kept = sum(1 for day in on_time | makeups if day <= today)
    assert attendance_bucket(kept, elapsed) == reference_bucket(days, today, on_time, makeups)


@st.composite
def classes(draw):
    """One plan and day, and the records of several children in it."""
    days, today, _, _ = draw(plans())
    past = [START + timedelta(days=i) for i in range(days) if START + timedelta(days=i) <= today]
    children = []
    for _ in range(draw(st.integers(1, 8))):
        on_time = set(draw(st.lists(st.sampled_from(past), unique=True))) if past else set()
        rest = [day for day in past if day not in on_time and day < today]
        children.append((on_time, set(draw(st.lists(st.sampled_from(rest), unique=True))) if rest else set()))
    return days, today, children


@given(classes())
def test_the_class_view_counts_each_child_in_its_reference_bucket(plan):
    days, today, children = plan
    expected = [0, 0, 0, 0]
    for on_time, makeups in children:
        if (bucket := reference_bucket(days, today, on_time, makeups)) is not None:
            expected[bucket] += 1
    assert attendance(START, days, today, children) == expected
    assert sum(expected) == (len(children) if today >= START else 0)


@given(plans())
def test_full_attendance_needs_today_too(plan):
    """A child who has not checked in today is not at full attendance yet, whatever came before."""
    days, today, on_time, makeups = plan
    if START <= today <= end_of(START, days) and today not in on_time:
        [bucket] = [i for i, n in enumerate(attendance(START, days, today, [(on_time, makeups)])) if n]
        assert bucket != 0


def test_on_day_one_a_child_not_yet_checked_in_is_not_full_attendance():
    assert attendance(START, 21, START, [({START}, set()), (set(), set()), (set(), set())]) == [1, 0, 0, 2]
