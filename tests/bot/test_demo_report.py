"""`classbridge demo`'s week: the demo teacher's /report week has figures in every part at once — the plan,
homework, highlights, the poll, the questionnaire, the notice, the parent meeting and the 护学岗 list."""
from bot.demo import TEACHER, add_demo_class
from bot.demo_homework import add_demo_homework
from bot.fake import FakeMessenger, FakePlatform
from handlers.core.context import Defaults
from handlers.core.dispatcher import Dispatcher
from handlers.core.messages import ChatRef, Incoming, Sender
from support.sending import deliver


async def test_the_demo_teachers_week_has_every_part_filled(sessions, clock):
    async with sessions.begin() as session:
        demo = await add_demo_class(session, "Asia/Shanghai", clock.now())
        await add_demo_homework(session, demo.class_group, now=clock.now())  # as `classbridge demo` does
    messenger = FakeMessenger()
    dispatcher = Dispatcher(sessions, clock, FakePlatform("telegram"), Defaults())
    teacher = str(TEACHER[0])
    incoming = Incoming("telegram:demo:report", ChatRef("telegram", teacher, True), Sender(teacher, TEACHER[1]),
                        "/report week")
    await deliver(messenger, await dispatcher.handle(incoming))
    answer, files = messenger.transcript
    for part in ("习惯打卡", "作业", "闪光点", "投票", "问卷", "通知", "活动", "接龙"):
        assert f"<b>{part}</b>" in answer.text, part
    assert "本周没有" not in answer.text  # no part is empty
    assert "家长满意度调查：10/30 户已填（33%） · 匿名 · 已结束" in answer.text
    assert [media.kind for media in files.reply.media] == ["photo", "document"]
