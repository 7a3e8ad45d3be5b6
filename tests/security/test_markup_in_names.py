"""Names that look like HTML or markup, through every kind of answer: each text the bot sends must be
Telegram HTML that parses, and show the names exactly as they were typed."""
from datetime import date

import pytest
from sqlalchemy import select

from bot.fake import FakeMessenger, FakePlatform
from bot.sandbox.formatting import parse_html
from handlers.core.context import Defaults
from handlers.core.dispatcher import Dispatcher
from models import ClassGroup
from support.dialog import GROUP_ID, Dialog
from support.habit_class import Scheduler, set_local

TODAY = date(2026, 11, 24)  # the clock fixture's Tuesday
CLASS = "<b>x</b>&<i>"
CHILDREN = ("<b>x</b>&<i>", "&amp;", "</a><a>")  # a child's name may not hold quote marks or spaces
TITLE = '</a><a href="x">'
SUBJECT = "&amp;<b>"
TEACHER = '</a><a href="x">'
PARENTS = ("<b>x</b>&<i>", "&amp;", "<tg-spoiler>")


class Recording(FakeMessenger):
    """Keeps every reply as it was handed over, reactions and popups too, before the fake applies it."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    async def send(self, chat, reply):
        self.texts.append(reply.text)
        return await super().send(chat, reply)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
async def test_markup_in_every_name_parses_and_shows_as_typed(sessions, clock, language):
    platform = FakePlatform()
    messenger = Recording()
    dialog = Dialog(Dispatcher(sessions=sessions, clock=clock, platform=platform, defaults=Defaults()),
                    messenger, platform)
    set_local(clock, TODAY, "08:00")
    teacher = dialog.person(TEACHER, username="wang", admin_of=(GROUP_ID,), language=language)
    await teacher.group(f"/setup {CLASS} lang={language[:2]}")
    await teacher.group(f"/setup {CLASS}")  # already set up: names the class
    async with sessions() as session:
        code = await session.scalar(select(ClassGroup.join_code))
    await teacher.private("/start")
    await teacher.private("/roster add " + " ".join(CHILDREN))
    parents = [dialog.person(name, language=language) for name in PARENTS]
    for parent, child in zip(parents, CHILDREN, strict=True):
        await parent.private(f"/join {code} {child} 妈妈")
    second = dialog.person("<i>爸爸</i>", language=language)
    await second.private(f"/join {code} {CHILDREN[0]} 爸爸")  # asks the existing guardian
    stranger = dialog.person("<a>", language=language)
    await stranger.private(f"/join {code} <u>y</u> 妈妈")  # not on the roster: the teacher is asked
    for message in list(teacher.inbox) + list(mum_inbox := parents[0].inbox):
        if message.buttons and not message.buttons[0][0].url:  # approve the stranger's child and the father
            await (teacher if message in teacher.inbox else parents[0]).press(message, message.buttons[0][0].text)
    assert mum_inbox
    for command in ("/roster", "/roster export", "/settings", "/settings quiet=22:00-07:00", "/help"):
        await teacher.private(command)
    await teacher.group(f"/role {PARENTS[1]} rep")
    await teacher.group(f"/role {PARENTS[1]} parent")
    await teacher.private(f"/plan new 「{TITLE}」 start=today days=21")
    await teacher.private("/plan list")
    await teacher.private("/plan show 1")
    mum = parents[0]
    await mum.group("/checkin")
    assert mum.reactions == ["👍"]  # the group is told with a reaction; its text is what WeChat would get
    await parents[1].private("/checkin <i>读了</i>")
    await parents[1].private("/checkin")  # already today
    await parents[2].private("/makeup 2026-11-23")
    await mum.private("/progress")
    await teacher.private("/progress")
    await teacher.group("/progress")
    await mum.group("/help")
    await mum.private("/help")
    await teacher.group(f'/hw new {SUBJECT} 「{TITLE}」 due=20:00 grading=stars')
    worker = Scheduler(dialog, sessions, clock)
    await worker.worker.run_once()
    card = dialog.messenger.in_chat(GROUP_ID)[-1]
    await mum.private("/start " + card.buttons[0][0].url.split("start=")[1])
    await mum.private("<b>做完了</b>")
    await parents[1].private("/submit 第3题 &amp;")
    for item in await teacher.private("/review"):
        if item.buttons:
            await teacher.press(item, item.buttons[0][0].text)
    await teacher.private("/hw status")
    set_local(clock, TODAY, "20:00")
    await worker.run()  # the daily post and its count
    set_local(clock, date(2026, 11, 26), "09:00")
    await parents[2].private("/makeup 2026-11-25")
    await parents[2].private("/progress")

    visible = []
    for text in messenger.texts:
        shown, _ = parse_html(text)  # raises on anything Telegram's HTML mode refuses
        visible.append(shown)
    for message in messenger.transcript:
        for edit in message.edits:
            visible.append(parse_html(edit.text)[0])
    everything = "\n".join(visible)
    for name in (CLASS, *CHILDREN, TITLE, SUBJECT, TEACHER, *PARENTS, "<u>y</u>"):
        assert name in everything, name
    assert "&lt;" not in everything and "&amp;amp;" not in everything  # nothing escaped twice
