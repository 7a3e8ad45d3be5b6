"""A class's WeCom group robot: set by the teacher (never shown back in full), fed a markdown copy of every
group push, and kept to 20 messages a minute per robot even when 50 classes post at once."""
import base64
import hashlib

from sqlalchemy import select, update

from bot.outbox_worker import OutboxWorker
from bot.wechat.robot import RobotMessenger
from handlers.core.clock import FixedClock
from handlers.core.messages import Button, Media
from handlers.core.outbox import enqueue
from handlers.core.wecom_robot import robot_id
from models import AuditEntry, ClassGroup, OutboxMessage, OutboxStatus
from support.outbox import T0, add_class, group_push

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
URL = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}"


async def test_a_teacher_sets_and_removes_the_robot_and_never_sees_its_key_again(dialog, sessions):
    teacher = dialog.person("王老师", admin_of=("-1001",))
    await teacher.group("/setup 三年级二班")
    [shown] = await teacher.private(f"/settings wecom_robot={URL}")
    assert "企业微信群机器人：https://qyapi…key=693a…5aaa" in shown.text and KEY not in shown.text
    [refused] = await teacher.private("/settings wecom_robot=https://evil.example/cgi-bin/webhook/send?key=12345678")
    assert "群机器人地址格式不对" in refused.text
    async with sessions() as session:
        assert await session.scalar(select(ClassGroup.wecom_robot_url)) == URL
        details = (await session.scalars(select(AuditEntry.detail))).all()
    assert KEY not in str(details)
    parent = dialog.person("小明妈妈")
    async with sessions() as session:
        code = await session.scalar(select(ClassGroup.join_code))
    await parent.private(f"/join {code} 小明")
    [not_allowed] = await parent.private("/settings wecom_robot=off")
    assert "只有老师可以使用 /settings" in not_allowed.text
    [removed] = await teacher.private("/settings wecom_robot=off")
    assert "企业微信群机器人：未设置" in removed.text


async def robot_class(sessions, chat_id: str, url: str) -> int:
    class_id = await add_class(sessions, chat_id)
    async with sessions.begin() as session:
        await session.execute(update(ClassGroup).where(ClassGroup.id == class_id).values(
            wecom_robot_url=url, wecom_robot_id=robot_id(url)))
    return class_id


async def test_group_pushes_reach_the_robot_as_markdown_without_tap_buttons(sessions, wechat_api, clock):
    url = f"{wechat_api.base_url}cgi-bin/webhook/send?key={KEY}"
    class_id = await robot_class(sessions, "-1001", url)
    buttons = ((Button("✅ 打卡", "checkin", ("1",)),), (Button("计划详情", url="https://example.com/plan"),))
    async with sessions.begin() as session:
        await enqueue(session, group_push(class_id, "daily", T0, text="<b>📅 每天阅读</b> 第1/21天 · *小明*",
                                          buttons=buttons, tally_key="tally"), T0)
    worker = OutboxWorker(sessions, {"wecom_robot": RobotMessenger(sessions)}, FixedClock(T0))
    assert (await worker.run_once()).sent == 1
    [post] = wechat_api.robot_posts(KEY)
    assert post == {"msgtype": "markdown",
                    "markdown": {"content": "**📅 每天阅读** 第1/21天 · ＊小明＊\n[计划详情](https://example.com/plan)"}}


async def test_a_removed_robot_gets_nothing_more(sessions, wechat_api):
    url = f"{wechat_api.base_url}cgi-bin/webhook/send?key={KEY}"
    class_id = await robot_class(sessions, "-1001", url)
    async with sessions.begin() as session:
        await enqueue(session, group_push(class_id, "daily", T0), T0)
        await session.execute(update(ClassGroup).values(wecom_robot_url=None, wecom_robot_id=None))
    await OutboxWorker(sessions, {"wecom_robot": RobotMessenger(sessions)}, FixedClock(T0)).run_once()
    async with sessions() as session:
        row = await session.scalar(select(OutboxMessage).where(OutboxMessage.platform == "wecom_robot"))
    assert row.status == OutboxStatus.failed and wechat_api.robot_posts(KEY) == []


async def test_fifty_classes_posting_at_once_keep_each_robot_within_20_a_minute(sessions, wechat_api):
    # Two grade groups, each with one robot shared by 25 classes.
    keys = ["grade3-robot-0000", "grade4-robot-0000"]
    urls = [f"{wechat_api.base_url}cgi-bin/webhook/send?key={key}" for key in keys]
    class_ids = [await robot_class(sessions, f"-10{n:02d}", urls[n % 2]) for n in range(50)]
    async with sessions.begin() as session:
        for n, class_id in enumerate(class_ids):
            await enqueue(session, group_push(class_id, f"daily:{n}", T0, chat_id=f"-10{n:02d}"), T0)
    clock = FixedClock(T0)
    worker = OutboxWorker(sessions, {"wecom_robot": RobotMessenger(sessions)}, clock)
    seen: dict[str, list[float]] = {key: [] for key in keys}
    for second in range(150):
        await worker.run_once()
        for key in keys:
            seen[key] += [second] * (len(wechat_api.robot_posts(key)) - len(seen[key]))
        clock.advance(seconds=1)
    for key in keys:
        moments = seen[key]
        assert len(moments) == 25
        assert max(sum(1 for t in moments if start <= t < start + 60) for start in range(150)) == 20
        assert moments[20] >= 60  # the 21st waits for the minute to pass, it is not dropped
    texts = [post["markdown"]["content"] for key in keys for post in wechat_api.robot_posts(key)]
    assert sorted(texts) == sorted(f"push daily:{n}" for n in range(50))


async def test_a_digest_with_twenty_photos_reaches_the_robot_as_images_within_20_a_minute(sessions, wechat_api):
    # The highlights digest: its text, then two albums of 10. Each photo is a robot message of its own.
    url = f"{wechat_api.base_url}cgi-bin/webhook/send?key={KEY}"
    class_id = await robot_class(sessions, "-1001", url)
    photos = [Media("photo", b"\xff\xd8 photo %d" % n, f"{n}.jpg") for n in range(20)]
    async with sessions.begin() as session:
        await enqueue(session, group_push(class_id, "digest", T0, text="🌟 本周闪光点"), T0)
        for album in (0, 1):
            await enqueue(session, group_push(class_id, f"album={album}", T0, text="",
                                              media=tuple(photos[album * 10:album * 10 + 10])), T0)
    clock = FixedClock(T0)
    worker = OutboxWorker(sessions, {"wecom_robot": RobotMessenger(sessions)}, clock)
    moments: list[int] = []
    for second in range(90):
        await worker.run_once()
        moments += [second] * (len(wechat_api.robot_posts(KEY)) - len(moments))
        clock.advance(seconds=1)
    posts = wechat_api.robot_posts(KEY)
    assert posts[0] == {"msgtype": "markdown", "markdown": {"content": "🌟 本周闪光点"}}
    images = [base64.b64decode(post["image"]["base64"]) for post in posts[1:]]
    assert images == [photo.data for photo in photos]  # every photo, once, in order
    assert [post["image"]["md5"] for post in posts[1:]] == [hashlib.md5(data).hexdigest() for data in images]
    assert max(sum(1 for t in moments if start <= t < start + 60) for start in range(90)) == 20
    assert moments[20] >= 60  # the 21st message waits for the minute, it is not dropped
