"""The demo class comes with a 护学岗 sign-up list: full slots, a half-taken one and a free one, the families'
names under their slots, and the list waiting in the outbox for the sandbox group."""
from datetime import UTC, datetime

from sqlalchemy import select

from bot.demo import add_demo_class
from bot.demo_signups import TITLE
from handlers.signups.tally import slot_rows
from models import OutboxMessage
from models.signups import SignupList


async def test_the_demo_has_a_duty_list_with_free_and_full_slots(sessions):
    async with sessions.begin() as session:
        await add_demo_class(session, "Asia/Shanghai", datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    async with sessions() as session:
        signup = await session.scalar(select(SignupList))
        assert (signup.title, signup.closed_at) == (TITLE, None)
        rows = await slot_rows(session, signup)
        assert [(row.taken, row.places, row.full) for row in rows] == [
            (2, 2, True), (1, 2, False), (0, 2, False), (1, 1, True)]
        assert all(name and "妈妈" not in name and "爸爸" not in name for row in rows for name in row.names)
        post = await session.scalar(select(OutboxMessage).where(OutboxMessage.tally_key == f"signup:id={signup.id}"))
    assert post is not None and "周一护学岗（2/2）：" in post.text and len(post.buttons) == 4
    assert post.buttons[0][0]["text"] == "周一护学岗 已满 2/2"
