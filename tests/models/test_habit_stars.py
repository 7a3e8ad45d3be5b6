"""Weekly habit stars: who kept every plan day of the week, and who rose the most since the week before."""
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from models.habit_stars import habit_stars

START = date(2026, 11, 25)  # a Wednesday
FRIDAY = date(2026, 12, 4)  # its week: Fri 11-27 … Thu 12-03; the week before: from the start, Wed–Thu


def days(*offsets):
    return {START + timedelta(days=o) for o in offsets}


def test_children_who_kept_every_day_of_the_week_are_stars():
    kept = {1: days(*range(2, 9)), 2: days(2, 3, 4, 5, 6, 7), 3: days(*range(0, 9))}
    stars = habit_stars(START, 21, FRIDAY, kept)
    assert stars.week == sorted(days(*range(2, 9)))
    assert stars.full_week == [1, 3]


def test_the_most_improved_is_the_largest_rise_and_never_a_star():
    kept = {1: days(*range(2, 9)),  # a star: not counted again as improved
            2: days(2, 3, 4, 5, 6),  # 0/2 → 5/7
            3: days(0, 1, 2)}  # 2/2 → 1/7: fell
    assert habit_stars(START, 21, FRIDAY, kept).most_improved == [2]


def test_the_first_week_has_stars_but_no_most_improved():
    stars = habit_stars(START, 21, date(2026, 11, 27), {1: days(0, 1)})
    assert stars.full_week == [1] and stars.most_improved == []


def test_a_week_after_the_plan_has_no_stars():
    assert habit_stars(START, 3, date(2026, 12, 11), {1: days(0, 1, 2)}).week == []


@st.composite
def classes(draw):
    plan_days = draw(st.integers(1, 30))
    digest = START + timedelta(days=draw(st.integers(1, plan_days + 7)))
    children = draw(st.integers(0, 6))
    pool = [START + timedelta(days=i) for i in range(plan_days)]
    kept = {child: set(draw(st.lists(st.sampled_from(pool), unique=True))) for child in range(children)}
    return plan_days, digest, kept


@given(classes())
def test_stars_match_a_day_by_day_reference(case):
    plan_days, digest, kept = case
    end = START + timedelta(days=plan_days - 1)

    def window(first):
        return [first + timedelta(days=i) for i in range(7) if START <= first + timedelta(days=i) <= end]

    week, before = window(digest - timedelta(days=7)), window(digest - timedelta(days=14))
    full = [c for c, d in kept.items() if week and all(day in d for day in week)]
    rises = {c: Fraction(len(d & set(week)), len(week)) - Fraction(len(d & set(before)), len(before))
             for c, d in kept.items() if week and before and c not in full}
    best = max((r for r in rises.values() if r > 0), default=None)
    stars = habit_stars(START, plan_days, digest, kept)
    assert stars.full_week == full
    assert stars.most_improved == [c for c, r in rises.items() if r == best]
