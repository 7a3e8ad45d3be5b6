"""`classbridge demo`'s highlights: three weeks posted with photos, this week's bright spots waiting for Friday,
and the coverage check naming the two children nobody has seen lately — the one never seen first."""
import io

from PIL import Image
from sqlalchemy import func, select

from bot.demo import CHILDREN, TEACHER, add_demo_class
from bot.fake import FakeMessenger, FakePlatform
from handlers.core.context import Defaults
from handlers.core.dispatcher import Dispatcher
from handlers.core.messages import ChatRef, Incoming, Sender
from models.highlights import DigestState, Highlight, HighlightDigest, HighlightPhoto
from support.sending import deliver


async def test_the_demo_teacher_previews_this_week_and_sees_the_two_unseen_children_first(sessions, clock):
    async with sessions.begin() as session:
        await add_demo_class(session, "Asia/Shanghai", clock.now())
    async with sessions() as session:
        states = (await session.scalars(select(HighlightDigest.state).order_by(HighlightDigest.week_start))).all()
        open_ones = (await session.scalars(select(Highlight).where(Highlight.digest_id.is_(None)))).all()
        photos = (await session.scalars(select(HighlightPhoto.data))).all()
        posted = await session.scalar(select(func.count()).select_from(Highlight).where(
            Highlight.digest_id.is_not(None)))
    assert states == [DigestState.published] * 4  # three recent weeks, and the one five weeks back
    assert len(open_ones) == 3 and posted == len(CHILDREN) - 2 + len(CHILDREN[:-2][0::3]) + 1
    assert len(photos) > 10 and Image.open(io.BytesIO(photos[0])).size == (480, 320)

    messenger = FakeMessenger()
    dispatcher = Dispatcher(sessions, clock, FakePlatform("telegram"), Defaults())
    teacher = str(TEACHER[0])
    incoming = Incoming("telegram:demo:1", ChatRef("telegram", teacher, True), Sender(teacher, TEACHER[1]),
                        "/highlights")
    await deliver(messenger, await dispatcher.handle(incoming))
    text = "\n".join(sent.text for sent in messenger.transcript)
    never, forgotten = CHILDREN[-1], CHILDREN[-2]
    unseen = text.split("还没有闪光点的孩子（2）：")[1].split("点下面的按钮")[0]
    assert never in unseen and forgotten in unseen and "从未" in unseen
    assert text.index(never) < text.index(forgotten)  # never seen comes before seen long ago
    for child in CHILDREN[:3]:  # seen within three weeks: listed, but not before the unseen
        assert text.index(forgotten) < text.rindex(child)
