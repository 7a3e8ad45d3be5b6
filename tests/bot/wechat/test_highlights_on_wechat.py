"""Highlights on WeChat with the published crypto: a teacher on the Official Account records one with a photo
(闪光点 after the photo), publishes, and each family on the Official Account gets its own child's copy as
customer-service messages — the text with ❤️ as a numbered reply, then the photo — and nothing of another child;
the class's WeCom robot gets the digest as markdown and the photo as an image message."""
import base64

from sqlalchemy import select, update

from bot.outbox_worker import OutboxWorker
from handlers.core.wecom_robot import robot_id
from models import ClassGroup
from models.highlights import HighlightPhoto
from support.wechat_seeds import class_with_teacher
from support.wechat_users import WeChatUser


async def deliver(side) -> None:
    await side.settle()
    await OutboxWorker(side.runtime.sessions, side.wiring.messengers, side.clock).run_once()


def images_to(wechat_api, openid: str) -> list[bytes]:
    return [wechat_api.media[body["image"]["media_id"]] for body in wechat_api.sent("message/custom/send")
            if body.get("touser") == openid and body.get("msgtype") == "image"]


async def test_families_on_the_official_account_get_their_own_childs_copy_and_thank_the_teacher(
        side, sessions, wechat_api):
    class_id = await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher",
                                        children=("小明", "小红"))
    robot = f"{wechat_api.base_url}cgi-bin/webhook/send?key=grade3-robot"
    async with sessions.begin() as session:
        await session.execute(update(ClassGroup).where(ClassGroup.id == class_id).values(
            wecom_robot_url=robot, wecom_robot_id=robot_id(robot)))
    teacher = WeChatUser(side.client, side.clock, "oTeacher")
    mum, dad = WeChatUser(side.client, side.clock, "oMum0001"), WeChatUser(side.client, side.clock, "oDad0002")
    assert mum.passive_text(await mum.send("加入 ABC234 小明 妈妈")).startswith("✅")
    assert dad.passive_text(await dad.send("加入 ABC234 小红 爸爸")).startswith("✅")

    wechat_api.media["MEDIA-class"] = b"\xff\xd8 reading corner"
    teacher.passive_text(await teacher.image("MEDIA-class"))
    recorded = teacher.passive_text(await teacher.send("闪光点 小明 主动帮同学讲题"))
    assert recorded.startswith("🌟 已记下 #1 小明：主动帮同学讲题 📷1")
    async with sessions() as session:
        assert (await session.scalars(select(HighlightPhoto.data))).all() == [b"\xff\xd8 reading corner"]
    assert "小明" in teacher.passive_text(await teacher.send("本周闪光点"))
    teacher.passive_text(await teacher.send("/highlights publish"))
    await deliver(side)

    [copy] = wechat_api.texts_to("oMum0001")[-1:]
    assert "主动帮同学讲题" in copy and "回复数字：1" in copy and "❤️" in copy
    assert images_to(wechat_api, "oMum0001") == [b"\xff\xd8 reading corner"]
    assert not any("小明" in text for text in wechat_api.texts_to("oDad0002"))
    assert images_to(wechat_api, "oDad0002") == []
    digest, image = wechat_api.robot_posts("grade3-robot")
    assert "本周闪光点" in digest["markdown"]["content"] and "小明" in digest["markdown"]["content"]
    assert base64.b64decode(image["image"]["base64"]) == b"\xff\xd8 reading corner"

    thanked = mum.passive_text(await mum.send("1"))
    assert "❤️" in thanked
    await deliver(side)
    assert any("小明" in text and "❤️" in text for text in wechat_api.texts_to("oTeacher"))
