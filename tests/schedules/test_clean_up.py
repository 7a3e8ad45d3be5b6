"""The daily clean-up forgets old bookkeeping, but never a push still waiting to be sent."""
from datetime import timedelta

from sqlalchemy import select

from handlers.core.outbox import enqueue
from models import OutboxMessage, OutboxStatus, ProcessedUpdate, SeenNonce
from schedules.tick import clean_up
from support.outbox import T0, add_class, group_push


async def test_old_update_keys_and_delivered_pushes_go_while_waiting_and_recent_ones_stay(sessions):
    class_id = await add_class(sessions)
    old = T0 - timedelta(days=40)
    async with sessions.begin() as session:
        session.add_all([ProcessedUpdate(key="old", processed_at=old), ProcessedUpdate(key="new", processed_at=T0)])
        for key, status in [("sent-old", OutboxStatus.sent), ("waiting-old", OutboxStatus.pending)]:
            await enqueue(session, group_push(class_id, key, old), old)
            row = await session.scalar(select(OutboxMessage).where(OutboxMessage.dedup_key == key))
            row.status, row.finished_at = status, old if status != OutboxStatus.pending else None
        await enqueue(session, group_push(class_id, "sent-new", T0), T0)
    await clean_up(sessions, T0, keep_days=30)
    async with sessions() as session:
        assert (await session.scalars(select(ProcessedUpdate.key))).all() == ["new"]
        assert sorted((await session.scalars(select(OutboxMessage.dedup_key))).all()) == ["sent-new", "waiting-old"]


async def test_wechat_nonces_past_their_window_go_and_those_within_it_stay(sessions):
    async with sessions.begin() as session:
        session.add_all([SeenNonce(platform="wechat_oa", nonce=nonce, signed_at=T0 - age, body_hash="h")
                         for nonce, age in [("old", timedelta(minutes=6)), ("recent", timedelta(minutes=4))]])
    await clean_up(sessions, T0, keep_days=30)
    async with sessions() as session:
        assert (await session.scalars(select(SeenNonce.nonce))).all() == ["recent"]
