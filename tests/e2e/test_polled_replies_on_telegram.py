"""Polling mode (the sandbox's, through the real python-telegram-bot): replies are written to the outbox with
the update and sent by the delivery worker, so a group reply Telegram refuses with 429 waits out retry_after
and arrives once, instead of being dropped after a few retries in memory."""
from datetime import timedelta

from sqlalchemy import select

from bot.sandbox.faults import Faults
from handlers.core.pushes import REPLY_KIND
from models import OutboxMessage, OutboxStatus
from support.e2e_cast import GROUP, TEACHER, set_up


async def group_replies(live) -> list[tuple[OutboxStatus, str | None]]:
    async with live.runtime.sessions() as session:
        return list((await session.execute(select(OutboxMessage.status, OutboxMessage.last_error).where(
            OutboxMessage.kind == REPLY_KIND, OutboxMessage.chat_id == str(GROUP)).order_by(OutboxMessage.id))).all())


async def test_a_group_reply_refused_with_429_is_delivered_later_exactly_once(live):
    await set_up(live)
    before = len(live.bot_messages(GROUP))
    # Every send to the group is refused for 30 s, however often it is tried: retries in memory would give up.
    live.world.faults = Faults(burst_429_rate=1.0, burst_retry_after=30, methods=frozenset({"sendMessage"}))
    live.world.user_sends_text(GROUP, TEACHER, '/plan new "21天阅读" start=today')
    await live.until(lambda: live.world.stats.faults["429"] >= 1, "Telegram's 429")
    [(status, error)] = (await group_replies(live))[-1:]
    assert status is OutboxStatus.pending and "retry after" in (error or "")
    assert live.bot_messages(GROUP)[before:] == []
    live.world.faults = None  # the flood is over once retry_after has passed
    live.runtime.clock.move_to(live.runtime.clock.now() + timedelta(seconds=31))
    live.runtime.outbox_added.set()
    [answer] = await live.until(lambda: live.bot_messages(GROUP)[before:], "the reply, after retry_after")
    assert "21天阅读" in answer["text"]
    await live.reply_to(TEACHER, TEACHER, "/help")  # the worker has recorded the send by the time this is answered
    assert len(live.bot_messages(GROUP)[before:]) == 1
    assert [status for status, _ in await group_replies(live)][-1] is OutboxStatus.sent
