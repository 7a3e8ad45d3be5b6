"""The limiter lets through exactly what the platform allows, and says how long to wait otherwise."""
from datetime import UTC, datetime, timedelta

from bot.rate_limit import Limit, Limits, RateLimiter
from handlers.core.messages import ChatRef

T0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
GROUP = ChatRef("telegram", "-1001", False)


def test_a_group_gets_twenty_messages_a_minute_and_then_waits_for_the_oldest_to_age():
    limiter = RateLimiter()
    for second in range(20):
        assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=second)) == 0
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=30)) == 30.0
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=60)) == 0


def test_a_refused_send_is_not_counted():
    limiter = RateLimiter(Limits(private=Limit(1, 1.0)))
    chat = ChatRef("telegram", "42", True)
    assert limiter.try_acquire(chat, T0) == 0
    for _ in range(5):
        assert limiter.try_acquire(chat, T0 + timedelta(seconds=0.5)) == 0.5
    assert limiter.try_acquire(chat, T0 + timedelta(seconds=1)) == 0


def test_the_overall_limit_spans_chats_and_platforms_are_separate():
    limiter = RateLimiter()
    for n in range(30):
        assert limiter.try_acquire(ChatRef("telegram", str(n), True), T0) == 0
    assert limiter.try_acquire(ChatRef("telegram", "99", True), T0) == 1.0
    assert limiter.headroom(["telegram"], T0) == 0
    assert limiter.until_room(["telegram"], T0 + timedelta(seconds=0.25)) == 0.75
    assert limiter.try_acquire(ChatRef("wecom_robot", "class-1", False), T0) == 0


def test_a_wecom_robot_keeps_to_twenty_a_minute_and_edits_have_their_own_budget():
    limiter = RateLimiter()
    robot = ChatRef("wecom_robot", "class-1", False)
    for n in range(20):
        assert limiter.try_acquire(robot, T0 + timedelta(seconds=n)) == 0
    assert limiter.try_acquire(robot, T0 + timedelta(seconds=20)) > 0
    for n in range(20):
        assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=n)) == 0
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=20), edit=True) == 0


def test_retry_after_pauses_only_that_chat():
    limiter = RateLimiter()
    limiter.pause(GROUP, T0, 7)
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=2)) == 5
    assert limiter.try_acquire(ChatRef("telegram", "-1002", False), T0 + timedelta(seconds=2)) == 0
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=7)) == 0
