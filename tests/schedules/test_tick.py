"""The tick turns what providers say is due into pushes that reach each chat once, at a polite hour."""
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from handlers.core.clock import FixedClock
from models import OutboxMessage, OutboxStatus
from schedules.tick import tick
from support.outbox import T0, Station, add_class, group_push, provider_of


async def test_the_same_tick_run_twice_sends_once(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    providers = provider_of([group_push(class_id, "habit-daily:plan=1:day=2026-11-24", T0)])
    first = await tick(sessions, T0, providers)
    second = await tick(sessions, T0, providers)
    assert (first.queued, second.queued, second.duplicates) == (1, 0, 1)
    await station.worker.run_once()
    await station.step(providers, minutes=1)
    assert station.texts("-1001") == ["push habit-daily:plan=1:day=2026-11-24"]


async def test_a_push_at_22_00_in_beijing_waits_until_07_00(sessions):
    class_id = await add_class(sessions)
    late = T0 + timedelta(hours=2)  # 22:00 in Beijing
    station = Station(sessions, FixedClock(late))
    providers = provider_of([group_push(class_id, "notice:1", late, kind="notice")])
    await station.step(providers)
    assert station.texts("-1001") == []
    station.clock.set(datetime(2026, 11, 24, 22, 59, tzinfo=UTC))  # 06:59 the next morning
    await station.step(providers)
    assert station.texts("-1001") == []
    await station.step(providers, minutes=1)
    assert station.texts("-1001") == ["push notice:1"]
    assert station.messenger.transcript[0].sent_at == datetime(2026, 11, 24, 23, 0, tzinfo=UTC)


async def test_an_urgent_push_ignores_quiet_hours(sessions):
    class_id = await add_class(sessions)
    night = T0 + timedelta(hours=3)
    station = Station(sessions, FixedClock(night))
    await station.step(provider_of([group_push(class_id, "notice:2", night, kind="notice", urgent=True,
                                               text="明天停课")]))
    assert station.texts("-1001") == ["明天停课"]


async def test_quiet_hours_follow_each_class_in_its_own_zone(sessions):
    beijing = await add_class(sessions, "-1001")
    new_york = await add_class(sessions, "-2002", zone="America/New_York")
    moment = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # 22:00 in Beijing, 09:00 in New York
    station = Station(sessions, FixedClock(moment))
    providers = provider_of([group_push(beijing, "a", moment, "-1001", kind="notice"),
                             group_push(new_york, "b", moment, "-2002", kind="notice")])
    await station.step(providers)
    assert (station.texts("-1001"), station.texts("-2002")) == ([], ["push b"])


async def test_a_class_that_keeps_daylight_time_gets_its_morning_push_at_07_00_local_across_the_change(sessions):
    class_id = await add_class(sessions, "-3003", zone="America/New_York", quiet=(time(21, 0), time(7, 0)))
    # 23:00 on Saturday 7 March 2026 (EST); the clocks go forward at 02:00, so 07:00 is 11:00 UTC, not 12:00.
    evening = datetime(2026, 3, 8, 4, 0, tzinfo=UTC)
    station = Station(sessions, FixedClock(evening))
    providers = provider_of([group_push(class_id, "c", evening, "-3003", kind="notice")])
    sent_at = None
    for _minute in range(9 * 60):
        await station.step(providers, minutes=1)
        if station.texts("-3003"):
            sent_at = station.messenger.transcript[0].sent_at
            break
    assert sent_at == datetime(2026, 3, 8, 11, 0, tzinfo=UTC)


async def test_a_push_missed_while_down_is_sent_on_start_within_its_grace_period(sessions):
    class_id = await add_class(sessions)
    due = T0 - timedelta(minutes=40)  # 19:20 in Beijing; the bot comes back at 20:00
    station = Station(sessions, FixedClock(T0))
    await station.step(provider_of([group_push(class_id, "habit-daily:late", due, kind="habit_daily")]))
    assert station.texts("-1001") == ["push habit-daily:late"]


async def test_a_push_missed_beyond_its_grace_period_is_skipped_with_a_log_line_and_never_sent(sessions, caplog):
    class_id = await add_class(sessions)
    due = T0 - timedelta(hours=3)  # a 17:00 reminder when the bot comes back at 20:00: grace is 2 hours
    station = Station(sessions, FixedClock(T0))
    providers = provider_of([group_push(class_id, "habit-daily:stale", due, kind="habit_daily")])
    await station.step(providers)
    await station.step(providers, minutes=1)
    assert station.texts("-1001") == []
    assert "habit-daily:stale skipped" in caplog.text
    async with sessions() as session:
        row = await session.scalar(select(OutboxMessage))
    assert row.status == OutboxStatus.skipped


async def test_a_row_written_before_a_crash_and_found_too_late_is_skipped_not_sent(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    await tick(sessions, T0, provider_of([group_push(class_id, "habit-nudge:1", T0, kind="habit_nudge")]))
    station.clock.advance(hours=1, minutes=1)  # down for longer than a nudge's hour of grace
    result = await station.worker.run_once()
    assert (result.sent, station.texts("-1001")) == (0, [])


async def test_one_failing_provider_does_not_stop_the_others(sessions):
    class_id = await add_class(sessions)

    async def broken(_session, _now):
        raise RuntimeError("bug in a feature")

    providers = {"broken": broken, **provider_of([group_push(class_id, "ok", T0)])}
    result = await tick(sessions, T0, providers)
    assert (result.queued, result.failed_providers) == (1, 1)


async def test_a_push_handed_out_twice_in_one_tick_is_queued_and_sent_once(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    push = group_push(class_id, "habit-daily:plan=1:day=2026-11-24", T0)
    result = await tick(sessions, T0, provider_of([push, group_push(class_id, push.dedup_key, T0, text="again")]))
    assert (result.queued, result.duplicates) == (1, 1)
    await station.step()
    assert station.texts("-1001") == ["push habit-daily:plan=1:day=2026-11-24"]
