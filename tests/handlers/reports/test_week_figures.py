"""The figures of /report week against a plain computation over generated weeks: plans starting before,
in or after the week, check-ins outside it, homework days outside it, late and missing work, highlights of
earlier weeks and of a skipped digest, polls closed before, in or after the week; notices posted before, in
the week or not yet, with and without ✅ 收到; events before, in and after the week, with and without a
check-in; sign-up lists closed before or in the week, places taken before and in it."""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.reports.week import week_report
from support.report_week import (
    BEIJING,
    CardWeek,
    ClassWeek,
    EventWeek,
    NoticeWeek,
    PlanWeek,
    PollWeek,
    SignupWeek,
    reference,
    write,
)

MONDAY = date(2026, 11, 23)


@st.composite
def class_weeks(draw) -> ClassWeek:
    week = MONDAY - timedelta(days=7 * draw(st.integers(0, 2)))
    today = week + timedelta(days=draw(st.integers(0, 6)))
    children = [f"孩子{number}" for number in range(draw(st.integers(0, 4)))]
    offsets = st.integers(-9, (today - week).days)  # from the week before to today
    spec = ClassWeek(week, today, children, members=len(children))
    for number in range(draw(st.integers(0, 2))):
        start = week + timedelta(days=draw(st.integers(-8, 7)))
        days = draw(st.integers(1, 21))
        plan_days = [start + timedelta(days=n) for n in range(days) if start + timedelta(days=n) <= today]
        pairs = [(child, day) for child in range(len(children)) for day in plan_days]
        checkins = {pair for pair in pairs if draw(st.booleans())}
        spec.plans.append(PlanWeek(f"计划{number}", start, days, checkins))
    for number in range(draw(st.integers(0, 2))):
        days = sorted({week + timedelta(days=offset) for offset in draw(st.lists(offsets, max_size=5))})
        sent = {}
        for child in range(len(children)):
            for day in days:
                state = draw(st.sampled_from(("missing", "on time", "late")))
                if state != "missing":
                    sent[(child, day)] = state == "late"
        spec.cards.append(CardWeek(f"作业{number}", days, sent))
    for child in range(len(children)):
        for weeks_back in draw(st.lists(st.integers(-1, 4), max_size=3)):
            spec.highlights.append((child, week - timedelta(days=7 * weeks_back), draw(st.booleans())))
    for number in range(draw(st.integers(0, 3))):
        created = week + timedelta(days=draw(st.integers(-14, (today - week).days)))
        closed = None
        if draw(st.booleans()):
            closed = created + timedelta(days=draw(st.integers(0, (today - created).days)))
        spec.polls.append(PollWeek(f"投票{number}", created, closed, draw(st.integers(0, len(children)))))
    kids = st.sets(st.integers(0, len(children) - 1)) if children else st.just(set())
    for number in range(draw(st.integers(0, 3))):
        posted = draw(st.none() | offsets.map(lambda offset: week + timedelta(days=offset)))
        ack = draw(st.booleans())
        confirmed = draw(kids) if ack and posted is not None else set()
        spec.notices.append(NoticeWeek(f"通知{number}", posted, ack, confirmed))
    for number in range(draw(st.integers(0, 3))):
        starts = week + timedelta(days=draw(st.integers(-9, 13)))
        opened = starts <= today and draw(st.booleans())
        rsvps = {child: draw(st.booleans()) for child in draw(kids)}
        present = draw(kids) if opened else set()
        spec.events.append(EventWeek(f"活动{number}", starts, opened, rsvps, present))
    for number in range(draw(st.integers(0, 2))):
        created = week + timedelta(days=draw(st.integers(-14, (today - week).days)))
        closed = None
        if draw(st.booleans()):
            closed = created + timedelta(days=draw(st.integers(0, (today - created).days)))
        places = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
        last = closed or today
        taken = []
        for slot, count in enumerate(places):
            for child in sorted(draw(kids))[:count]:
                taken.append((slot, child, created + timedelta(days=draw(st.integers(0, (last - created).days)))))
        spec.signups.append(SignupWeek(f"接龙{number}", created, closed, places, taken))
    return spec


def normalize_skipped(spec: ClassWeek) -> ClassWeek:
    """A week's digest is posted or skipped once: a week with any skipped highlight is skipped for all of it."""
    skipped = {week for _, week, counted in spec.highlights if not counted}
    spec.highlights = [(child, week, week not in skipped) for child, week, _ in spec.highlights]
    return spec


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=class_weeks().map(normalize_skipped))
async def test_every_part_matches_the_plain_computation_of_its_week(sessions, spec):
    now = datetime.combine(spec.today, time(21, 0), tzinfo=ZoneInfo(BEIJING))
    async with sessions() as session:
        number = await next_number(session)
        class_group = await write(session, spec, number)
        report = await week_report(session, class_group, spec.week, now)
        await session.rollback()
    expected = reference(spec)
    found = {part.name: (figures.items, figures.child_rows) for part, figures in report.parts}
    assert found == expected


async def next_number(session) -> int:
    from sqlalchemy import func, select

    from models import ClassGroup

    return (await session.scalar(select(func.count()).select_from(ClassGroup))) + 1
