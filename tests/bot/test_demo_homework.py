"""`classbridge demo`'s homework: a daily 口算 card with two weeks of graded work, scores rising, so that the
demo teacher's /hw report shows a chart at once, and today's card queued for the group."""
import io

from openpyxl import load_workbook
from sqlalchemy import select

from bot.demo import TEACHER, add_demo_class
from bot.demo_homework import add_demo_homework
from bot.fake import FakeMessenger, FakePlatform
from handlers.core.context import Defaults
from handlers.core.dispatcher import Dispatcher
from handlers.core.messages import ChatRef, Incoming, Sender
from models import OutboxMessage
from support.sending import deliver


async def test_the_demo_teachers_report_shows_two_weeks_of_rising_scores_at_once(sessions, clock):
    async with sessions.begin() as session:
        demo = await add_demo_class(session, "Asia/Shanghai", clock.now())
        await add_demo_homework(session, demo.class_group, now=clock.now())
    async with sessions() as session:
        queued = (await session.scalars(select(OutboxMessage.dedup_key))).all()
    assert any(key.startswith("hw-card:") for key in queued)  # today's card, on its way to the group

    messenger = FakeMessenger()
    dispatcher = Dispatcher(sessions, clock, FakePlatform("telegram"), Defaults())
    teacher = str(TEACHER[0])
    incoming = Incoming("telegram:demo:1", ChatRef("telegram", teacher, True), Sender(teacher, TEACHER[1]),
                        "/hw report")
    await deliver(messenger, await dispatcher.handle(incoming))
    [report] = messenger.transcript
    assert report.text.startswith("📈 <b>口算</b>") and "（15 天）" in report.text
    first, last = (int(n) for n in report.text.split("全班平均：")[1].split("\n")[0].split(" → "))
    assert 54 <= first <= 66 and 86 <= last <= 98
    photos = [m for m in report.reply.media if m.kind == "photo"]
    assert len(photos) > 20 and photos[0].data.startswith(b"\x89PNG")
    [sheet] = [m for m in report.reply.media if m.kind == "document"]
    average = [row for row in load_workbook(io.BytesIO(sheet.data)).worksheets[1].iter_rows(values_only=True)][-1]
    scores = [value for value in average[1:] if value is not None]
    assert len(scores) == 14 and scores[-1] - scores[0] >= 20
