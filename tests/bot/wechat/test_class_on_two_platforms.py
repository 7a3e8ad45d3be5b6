"""One class reachable on Telegram and WeChat at once: a Telegram mum, and a WeChat dad and grandma join
through the same join code; the teacher sees one roster; a day of photo check-ins from both platforms;
the daily post reaches the Telegram group and, as markdown, the class's WeCom group robot.

Telegram is played by the in-memory fake platform; WeChat by real XML posted to the Official Account
endpoint, with its customer-service messages and the robot going to the WeChat API stand-in."""
from sqlalchemy import select

from bot.fake import FakeMessenger, FakePlatform
from bot.outbox_worker import OutboxWorker
from bot.wechat.robot import RobotMessenger
from handlers.core.context import Defaults
from handlers.core.dispatcher import Dispatcher
from models import ClassGroup, HabitCheckIn, Student
from schedules.providers import load_providers
from schedules.tick import tick
from support.dialog import GROUP_ID, Dialog
from support.habit_class import START, send_photo, set_local
from support.sending import MessengerRouter, deliver
from support.wechat_users import WeChatUser

ROBOT_KEY = "class-3-2-robot-key"


class TwoPlatformDialog(Dialog):
    """The dialog's fake chats, with replies routed by platform: an answer to a WeChat parent goes to WeChat."""

    def __init__(self, dispatcher, messenger, platform, outbound):
        super().__init__(dispatcher, messenger, platform)
        self.outbound = outbound

    async def deliver(self, incoming):
        before = len(self.messenger.transcript)
        await deliver(self.outbound, await self.dispatcher.handle(incoming))
        return self.messenger.transcript[before:]


async def test_a_class_on_telegram_and_wechat_shares_one_roster_one_record_and_one_daily_post(
        side, sessions, clock, wechat_api):
    telegram = FakeMessenger(clock)
    side.wiring.messengers["fake"] = telegram
    platform = FakePlatform()
    dialog = TwoPlatformDialog(Dispatcher(sessions, clock, platform, Defaults()), telegram, platform,
                                MessengerRouter(side.wiring.messengers))
    teacher = dialog.person("王老师", admin_of=(GROUP_ID,))
    await teacher.group("/setup 三年级二班")
    async with sessions() as session:
        code = await session.scalar(select(ClassGroup.join_code))
    await teacher.private("/roster add 小明 小红")
    await teacher.private(f"/settings wecom_robot={wechat_api.base_url}cgi-bin/webhook/send?key={ROBOT_KEY}")

    mum = dialog.person("小明妈妈")
    [joined] = await mum.private(f"/join {code} 小明 妈妈")
    assert joined.text == "✅ 已加入“三年级二班”，关联孩子：小明。"
    dad, grandma = (WeChatUser(side.client, side.clock, openid) for openid in ("oDad0000xy01", "oGrandma0002"))
    assert dad.passive_text(await dad.send(f"加入 {code} 小红 爸爸")) == "✅ 已加入“三年级二班”，关联孩子：小红。"
    # A second guardian of 小明 waits for his first guardian or a teacher to approve.
    assert "已请这位家长或老师确认" in grandma.passive_text(await grandma.send(f"/join {code} 小明 奶奶"))
    [request] = [m for m in await teacher.private("/roster") if m.chat == teacher.chat and "申请" in m.text]
    await teacher.press(request, "同意")

    [roster] = await teacher.private("/roster")
    assert "1. 小明 — 小明妈妈（妈妈） ✓、微信用户0002（奶奶） ✓" in roster.text
    assert "2. 小红 — 微信用户xy01（爸爸） ✓" in roster.text
    await teacher.group('/plan new "每天阅读" evidence=photo')

    providers = load_providers()
    worker = OutboxWorker(sessions, {"fake": telegram, "wecom_robot": RobotMessenger(sessions)}, clock)

    async def scheduled():
        await tick(sessions, clock.now(), providers)
        await worker.run_once()

    set_local(clock, START, "20:00")
    await scheduled()
    [post] = [m for m in telegram.in_chat(GROUP_ID) if m.text.startswith("📅")]
    assert post.text == "📅 每天阅读 第1/21天 · 今日已打卡 0/2"
    assert [p["markdown"]["content"] for p in wechat_api.robot_posts(ROBOT_KEY)] == [
        "📅 每天阅读 第1/21天 · 今日已打卡 0/2"
    ]

    set_local(clock, START, "20:05")
    wechat_api.media.update({"MEDIA-dad": b"\xff\xd8 dad's photo", "MEDIA-grandma": b"\xff\xd8 grandma's photo"})
    assert "回复“打卡”" in dad.passive_text(await dad.image("MEDIA-dad"))  # photo first, then the word
    assert dad.passive_text(await dad.send("打卡")).startswith("✅ 小红 第1天打卡成功")
    assert grandma.passive_text(await grandma.send("打卡")) == "《每天阅读》需要照片：请发送 小明 的打卡照片。"
    assert grandma.passive_text(await grandma.image("MEDIA-grandma")).startswith("✅ 小明 第1天打卡成功")
    [already], _file = await send_photo(mum, mum.chat)
    assert already.text == "小明 今天已经打过卡了，不用再打。"
    async with sessions() as session:
        evidence = dict(
            (
                await session.execute(
                    select(Student.name, HabitCheckIn.evidence_file_id).join(
                        HabitCheckIn, HabitCheckIn.student_id == Student.id
                    )
                )
            ).all()
        )
    assert evidence == {"小红": "MEDIA-dad", "小明": "MEDIA-grandma"}

    set_local(clock, START, "20:10")
    await scheduled()
    await side.settle()
    assert post.text == "📅 每天阅读 第1/21天 · 今日已打卡 2/2"  # the Telegram post's count is edited
    assert len(wechat_api.robot_posts(ROBOT_KEY)) == 1  # a robot message cannot be edited: no second post
    # Besides her own answers, mum heard only that 奶奶 asked to be 小明's guardian too.
    assert [m.text for m in mum.inbox if "申请" not in m.text] == [joined.text, already.text]
    assert wechat_api.texts_to("oDad0000xy01") == []  # all answered in time
    # 奶奶's only message outside an answer: the teacher's approval, which came while she was not writing.
    assert wechat_api.texts_to("oGrandma0002") == ["✅ 已加入“三年级二班”，关联孩子：小明。"]
