"""The demo class comes with a notice half the class has confirmed and an upcoming parent meeting with
answers in, both waiting in the outbox for the sandbox group."""
from datetime import UTC, datetime

from sqlalchemy import select

from bot.demo import add_demo_class
from bot.demo_notices import MEETING, NOTICE
from handlers.events import answers
from handlers.notices import confirmations
from handlers.notices.status import unconfirmed
from models import OutboxMessage
from models.events import Event
from models.notices import Notice

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


async def test_the_demo_has_a_notice_half_confirmed_and_a_parent_meeting_to_come(sessions):
    async with sessions.begin() as session:
        await add_demo_class(session, "Asia/Shanghai", NOW)
    async with sessions() as session:
        notice = await session.scalar(select(Notice))
        done, total = await confirmations.counts(session, notice)
        assert notice.text == NOTICE and notice.ack and done == total // 2 and done > 0
        assert len(await unconfirmed(session, notice)) == total - done
        assert notice.remind_at is not None and notice.reminded_at is None
        post = await session.scalar(select(OutboxMessage).where(OutboxMessage.tally_key == f"notice:id={notice.id}"))
        assert post is not None and f"已确认 {done}/{total}" in post.text and len(post.buttons) == 1
        event = await session.scalar(select(Event))
        going, not_going, families = await answers.rsvp_counts(session, event)
        assert event.title == MEETING and event.starts_at > NOW and going > 0 and not_going > 0
        card = await session.scalar(select(OutboxMessage).where(OutboxMessage.tally_key == f"event:id={event.id}"))
        assert card is not None and f"参加 {going} · 不参加 {not_going}" in card.text and len(card.buttons[0]) == 2
