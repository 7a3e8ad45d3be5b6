"""Replies to updates in the outbox: delivered by the worker that sends pushes, within the same limits, each
once, and never dropped because the platform asked us to slow down or failed for a moment."""
from datetime import timedelta

from sqlalchemy import select

from bot.outbox_worker import WorkerConfig
from bot.rate_limit import RateLimiter
from handlers.core.clock import FixedClock
from handlers.core.messages import ChatRef, Outgoing, Reply
from handlers.core.outbox import enqueue_replies
from handlers.core.ports import RetryLater, TransientError
from models import OutboxMessage, OutboxStatus
from support.outbox import T0, Station

GROUP = ChatRef("fake", "-1001", False)
PARENT = ChatRef("fake", "501", True)


async def write_replies(sessions, update_key: str, *outgoing: Outgoing) -> None:
    """As the webhook does: in the update's transaction."""
    async with sessions.begin() as session:
        await enqueue_replies(session, update_key, list(outgoing), T0)


async def statuses(sessions) -> list[OutboxStatus]:
    async with sessions() as session:
        return list(await session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


async def test_a_group_confirmation_refused_with_429_stays_queued_and_is_delivered_once_after_retry_after(sessions):
    station = Station(sessions, FixedClock(T0))
    station.messenger.fail_next(GROUP.chat_id, RetryLater(7), RetryLater(3))
    confirm = Reply("✅ 小明 打卡", reaction="👍", react_to="42")
    await write_replies(sessions, "telegram:bot1:update:1", Outgoing(GROUP, confirm))
    await station.worker.run_once()
    station.clock.advance(seconds=6)
    await station.worker.run_once()  # retry_after not over: not even tried
    assert station.messenger.attempts == 1 and station.messenger.reactions == []
    station.clock.advance(seconds=1)
    await station.worker.run_once()  # tried, and refused once more
    assert station.messenger.attempts == 2 and await statuses(sessions) == [OutboxStatus.pending]
    for _second in range(30):
        station.clock.advance(seconds=1)
        await station.worker.run_once()
    assert [(r.chat, r.message_id, r.emoji) for r in station.messenger.reactions] == [(GROUP, "42", "👍")]
    assert station.messenger.attempts == 3 and await statuses(sessions) == [OutboxStatus.sent]


async def test_a_private_reply_is_retried_after_transient_errors_not_dropped(sessions):
    station = Station(sessions, FixedClock(T0))
    station.messenger.fail_next(PARENT.chat_id, TransientError("502"), TransientError("timed out"))
    await write_replies(sessions, "telegram:bot1:update:2", Outgoing(PARENT, Reply("已打卡")))
    for _second in range(60):
        await station.worker.run_once()
        station.clock.advance(seconds=1)
    assert station.texts(PARENT.chat_id) == ["已打卡"] and station.messenger.attempts == 3


async def test_an_updates_replies_go_out_in_order(sessions):
    station = Station(sessions, FixedClock(T0))
    replies = [Outgoing(PARENT, Reply(f"第{n}条")) for n in range(3)]
    await write_replies(sessions, "telegram:bot1:update:3", *replies)
    for _second in range(5):
        await station.worker.run_once()
        station.clock.advance(seconds=1)
    assert station.texts(PARENT.chat_id) == ["第0条", "第1条", "第2条"]


async def test_group_replies_over_twenty_a_minute_are_spaced_not_dropped(sessions):
    """45 check-ins in a group within seconds: 20 answers go in the first minute, the rest as the group's
    window frees, every one exactly once and in order."""
    station = Station(sessions, FixedClock(T0), limiter=RateLimiter(), config=WorkerConfig(max_attempts=3))
    for n in range(45):
        await write_replies(sessions, f"telegram:bot1:update:{100 + n}", Outgoing(GROUP, Reply(f"check-in {n}")))
    for _second in range(200):
        await station.worker.run_once()
        station.clock.advance(seconds=1)
    sent = station.messenger.in_chat(GROUP.chat_id)
    assert [m.reply.text for m in sent] == [f"check-in {n}" for n in range(45)]
    moments = [m.sent_at for m in sent]
    spans = [later - earlier for earlier, later in zip(moments, moments[20:], strict=False)]
    assert all(span >= timedelta(seconds=60) for span in spans)  # never 21 in a minute
    assert moments[-1] - moments[0] < timedelta(seconds=150)  # spaced by the limit, not by backoffs
    assert await statuses(sessions) == [OutboxStatus.sent] * 45
