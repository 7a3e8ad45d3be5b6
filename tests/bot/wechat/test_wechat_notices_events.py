"""Notices and events on WeChat with the published crypto: `收到` on the latest notice that asks for it (or
`收到 <id>`), `报名` with its numbered choices, `签到` while the check-in is open, and the class's WeCom robot
given the notice as markdown."""
from sqlalchemy import select, update

from bot.outbox_worker import OutboxWorker
from bot.wechat.robot import RobotMessenger
from handlers.core.wecom_robot import robot_id
from models import ClassGroup
from models.events import EventCheckin, EventRsvp
from models.notices import NoticeAttachment, NoticeConfirmation
from support.wechat_seeds import class_with_teacher
from support.wechat_users import WeChatUser

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"


async def families(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", children=("小明", "小红"))
    teacher = WeChatUser(side.client, side.clock, "oTeacher")
    mum, dad = WeChatUser(side.client, side.clock, "oMum0001"), WeChatUser(side.client, side.clock, "oDad0002")
    assert mum.passive_text(await mum.send("加入 ABC234 小明 妈妈")).startswith("✅")
    assert dad.passive_text(await dad.send("加入 ABC234 小红 爸爸")).startswith("✅")
    return teacher, mum, dad


async def test_shou_dao_confirms_the_latest_notice_or_an_older_one_by_number(side, sessions):
    teacher, mum, dad = await families(side, sessions)
    first = teacher.passive_text(await teacher.send('/notice "周五交春游回执" ack'))
    second = teacher.passive_text(await teacher.send('/notice "明天穿校服" ack'))
    assert first.startswith("✅ 通知 #1 已发到班级群") and second.startswith("✅ 通知 #2")
    assert mum.passive_text(await mum.send("收到")) == "✅ 已确认收到（小明家），谢谢！"
    assert mum.passive_text(await mum.send("收到")) == "你家已经确认过这条通知了，不用再点。"
    assert mum.passive_text(await mum.send("收到 1")) == "✅ 已确认收到（小明家），谢谢！"
    assert dad.passive_text(await dad.send("收到 #1")) == "✅ 已确认收到（小红家），谢谢！"
    assert dad.passive_text(await dad.send("收到 7")).startswith("找不到通知「7」")
    async with sessions() as session:
        rows = sorted((c.notice_id, c.student_id) for c in (await session.scalars(select(NoticeConfirmation))).all())
    assert [notice for notice, _ in rows] == [1, 1, 2]
    status = teacher.passive_text(await teacher.send("/notice status 2"))
    assert "已确认 1/2" in status and "· 小红（微信用户0002）" in status and "小明" not in status


async def test_bao_ming_by_number_and_qian_dao_while_the_check_in_is_open(side, sessions):
    teacher, mum, dad = await families(side, sessions)
    created = teacher.passive_text(await teacher.send('/event "期中家长会" 09:30'))
    assert created.startswith("✅ 活动 #1 已发到班级群")
    offered = dad.passive_text(await dad.send("报名"))
    assert "期中家长会" in offered and "回复数字：1 ✅ 参加  2 ❌ 不参加" in offered and "<b>" not in offered
    assert dad.passive_text(await dad.send("1")) == "✅ 已报名参加「期中家长会」。"
    assert mum.passive_text(await mum.send("签到")).startswith("你的班级现在没有正在签到的活动。")
    opened = teacher.passive_text(await teacher.send("/event checkin 1"))
    assert opened.startswith("📍 「期中家长会」的签到已在班级群开放，11月24日 11:00 截止")
    assert mum.passive_text(await mum.send("签到")) == "📍 签到成功（小明家），欢迎！"
    assert mum.passive_text(await mum.send("签到")) == "你家已经签到过了。"
    assert dad.passive_text(await dad.send("报名")).startswith("你的班级现在没有可以报名的活动。")
    async with sessions() as session:
        assert [(r.going,) for r in (await session.scalars(select(EventRsvp))).all()] == [(True,)]
        assert len((await session.scalars(select(EventCheckin))).all()) == 1


async def test_the_wecom_robot_gets_the_notice_as_markdown_without_its_button(side, sessions, wechat_api, clock):
    teacher, _, _ = await families(side, sessions)
    url = f"{wechat_api.base_url}cgi-bin/webhook/send?key={KEY}"
    async with sessions.begin() as session:
        await session.execute(update(ClassGroup).values(wecom_robot_url=url, wecom_robot_id=robot_id(url)))
    teacher.passive_text(await teacher.send('/notice "周五下午家长会，请准时参加" ack'))
    worker = OutboxWorker(sessions, {"wecom_robot": RobotMessenger(sessions), "telegram": side.telegram}, clock)
    await worker.run_once()
    [post] = wechat_api.robot_posts(KEY)
    content = post["markdown"]["content"]
    assert post["msgtype"] == "markdown" and content.startswith("📢 **班级通知**（#1）\n周五下午家长会")
    assert "已确认 0/2" in content and "✅ 收到" in content  # the hint stays; a robot cannot carry the button


async def test_a_photo_sent_just_before_the_notice_goes_with_it(side, sessions, wechat_api):
    teacher, _, _ = await families(side, sessions)
    wechat_api.media["MEDIA-form"] = b"\xff\xd8 the form"
    teacher.passive_text(await teacher.image("MEDIA-form"))
    assert teacher.passive_text(await teacher.send('/notice "春游回执见图" ack')).startswith("✅ 通知 #1")
    async with sessions() as session:
        assert (await session.scalars(select(NoticeAttachment.data))).all() == [b"\xff\xd8 the form"]
