"""WeChat's answers that do not ride in the passive reply (customer-service messages on the Official Account, app
messages in WeCom) are written to the outbox with the update and sent by the delivery worker: a failed send is
tried again, never dropped, and sent once; the passive reply still answers within the window."""
import asyncio

from sqlalchemy import select

from handlers.core.pushes import REPLY_IN_ANSWER, REPLY_KIND
from models import OutboxMessage, OutboxStatus
from support.wechat_seeds import class_with_teacher, guardians_of
from support.wechat_users import WeChatUser, WeComMember

SYSTEM_BUSY = -1  # WeChat's "system busy, try again"


async def replies(sessions, chat_id: str) -> list[tuple[str, OutboxStatus]]:
    async with sessions() as session:
        return list((await session.execute(select(OutboxMessage.kind, OutboxMessage.status).where(
            OutboxMessage.chat_id == chat_id).order_by(OutboxMessage.id))).all())


async def test_a_customer_service_message_that_fails_for_a_moment_is_sent_once_from_the_outbox(
        side, sessions, wechat_api):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", children=())
    wechat_api.faults["message/custom/send"] = [SYSTEM_BUSY, SYSTEM_BUSY]
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    answer = mum.passive_text(await mum.send("加入 ABC234 小亮 妈妈"))
    assert "已请老师确认" in answer  # the passive reply answers at once
    # The teacher's approval request was written with the join, before anything was sent.
    assert await replies(sessions, "oTeacher") == [(REPLY_KIND, OutboxStatus.pending)]
    assert await replies(sessions, "oMum0001") == [(REPLY_IN_ANSWER, OutboxStatus.sent)]
    await side.settle()
    assert wechat_api.faults["message/custom/send"] == []  # refused twice, then sent
    [request] = wechat_api.texts_to("oTeacher")
    assert "小亮" in request
    assert await replies(sessions, "oTeacher") == [(REPLY_KIND, OutboxStatus.sent)]
    assert wechat_api.texts_to("oMum0001") == []  # her answer was the passive reply, not sent again
    assert await guardians_of(sessions, "小亮") == ["wechat_oa"]


async def test_a_wecom_app_message_that_fails_for_a_moment_is_sent_once_from_the_outbox(side, sessions, wechat_api):
    await class_with_teacher(sessions, teacher_platform="wecom", teacher_id="WangLaoShi", children=())
    wechat_api.faults["message/send"] = [SYSTEM_BUSY]
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    assert "已请老师确认" in mum.passive_text(await mum.send("加入 ABC234 小亮 妈妈"))
    await side.settle()
    assert wechat_api.faults["message/send"] == []
    [request] = wechat_api.texts_to("WangLaoShi")
    assert "小亮" in request
    assert await replies(sessions, "WangLaoShi") == [(REPLY_KIND, OutboxStatus.sent)]


async def test_the_wecom_passive_reply_still_answers_and_nothing_else_is_sent(side, sessions, wechat_api):
    member = WeComMember(side.client, side.clock, "LiLaoShi")
    answer = member.passive_text(await member.send("帮助"))
    await side.settle()
    assert "家校桥 · 帮助" in answer and wechat_api.texts_to("LiLaoShi") == []
    assert await replies(sessions, "LiLaoShi") == [(REPLY_IN_ANSWER, OutboxStatus.sent)]


async def test_a_passive_reply_that_wechat_never_got_is_sent_once_as_a_message_on_the_retry(side, sessions,
                                                                                           wechat_api):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    first = mum.passive_text(await mum.send("帮助"))
    # WeChat sends the message again only when our answer did not reach it: the answer goes as a message.
    retries = [mum.passive_text(await mum.resend()) for _ in range(2)]
    await side.settle()
    assert "家校桥 · 帮助" in first and retries == ["", ""]
    [text] = wechat_api.texts_to("oMum0001")
    assert "家校桥 · 帮助" in text


async def test_an_answer_committed_after_the_window_goes_as_messages_from_the_outbox(side, sessions, wechat_api):
    release = asyncio.Event()
    handle = side.oa.dispatcher.handle

    async def slow_handle(incoming, **steps):
        await release.wait()
        return await handle(incoming, **steps)

    side.oa.dispatcher.handle, side.oa.budget = slow_handle, 0.05
    wechat_api.faults["message/custom/send"] = [SYSTEM_BUSY]
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    assert mum.passive_text(await mum.send("帮助")) == ""
    release.set()
    await side.settle()
    [text] = wechat_api.texts_to("oMum0001")
    assert "家校桥 · 帮助" in text
    assert await replies(sessions, "oMum0001") == [(REPLY_KIND, OutboxStatus.sent)]
