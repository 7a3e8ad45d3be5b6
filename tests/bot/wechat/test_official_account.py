"""The Official Account endpoint as WeChat's servers use it: URL check, safe mode, retries,
the 5-second window, refusals, following and unfollowing, and buttons answered by number."""
import asyncio

from sqlalchemy import select

from bot.wechat.envelope import signature_of
from models import Identity, Student, StudentStatus
from support.wechat_seeds import class_with_teacher, guardians_of, processed_count
from support.wechat_users import OA_TOKEN, WeChatUser


async def test_the_url_check_answers_echostr_only_when_signed_with_our_token(side):
    now = str(int(side.clock.now().timestamp()))
    good = {"signature": signature_of(OA_TOKEN, now, "n1"), "timestamp": now, "nonce": "n1",
            "echostr": "4325283727063920416"}
    assert (await side.client.get("/wechat/official", params=good)).text == "4325283727063920416"
    forged = dict(good, signature=signature_of("another-token", now, "n1"))
    assert (await side.client.get("/wechat/official", params=forged)).status_code == 403


async def test_keywords_and_slash_forms_get_the_same_plain_text_answer_in_time(side):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    answers = [mum.passive_text(await mum.send(text)) for text in ("帮助", "/帮助", "/help")]
    assert answers[0] == answers[1] == answers[2]
    assert "家校桥 · 帮助" in answers[0] and "<b>" not in answers[0]


async def test_safe_mode_messages_are_opened_and_answered_sealed(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher")
    dad = WeChatUser(side.client, side.clock, "oDad00001", safe=True)
    answer = dad.passive_text(await dad.send("加入 ABC234 小明 爸爸"))
    assert answer.startswith("✅") and "小明" in answer and "三年级二班" in answer
    assert await guardians_of(sessions, "小明") == ["wechat_oa"]


async def test_a_wrong_signature_is_refused_and_nothing_is_recorded(side, sessions):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    query = dict(mum.query(), signature="0" * 40)
    response = await mum.post_xml("<xml><ToUserName>gh</ToUserName><FromUserName>oMum0001</FromUserName>"
                                  "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>帮助</Content>"
                                  "<MsgId>1</MsgId></xml>", query)
    assert response.status_code == 403 and await processed_count(sessions) == 0
    sealed = WeChatUser(side.client, side.clock, "oMum0001", safe=True)
    response = await side.client.post("/wechat/official", content=b"<xml><Encrypt>AAAA</Encrypt></xml>",
                                      params=dict(sealed.query(), encrypt_type="aes", msg_signature="0" * 40))
    assert response.status_code == 403 and await processed_count(sessions) == 0


async def test_a_message_wechat_sends_three_times_is_applied_once(side, sessions, wechat_api):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", children=())
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    first = mum.passive_text(await mum.send("加入 ABC234 小亮 妈妈"))
    retries = [mum.passive_text(await mum.resend()) for _ in range(2)]
    await side.settle()
    assert "已请老师确认" in first and retries == ["", ""]
    assert await guardians_of(sessions, "小亮") == ["wechat_oa"]
    assert len(wechat_api.texts_to("oTeacher")) == 1  # one approval request, not three


async def test_an_answer_later_than_the_window_is_sent_as_a_customer_service_message(side, wechat_api):
    release = asyncio.Event()
    handle = side.oa.dispatcher.handle

    async def slow_handle(incoming, **steps):
        await release.wait()
        return await handle(incoming, **steps)

    side.oa.dispatcher.handle, side.oa.budget = slow_handle, 0.05
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    response = await mum.send("帮助")
    assert mum.passive_text(response) == "" and wechat_api.texts_to("oMum0001") == []
    release.set()
    await side.settle()
    [text] = wechat_api.texts_to("oMum0001")
    assert "家校桥 · 帮助" in text


async def test_oversized_and_malformed_bodies_are_refused_before_anything_is_written(side, sessions):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    huge = "<xml><Content>" + "字" * 30_000 + "</Content></xml>"
    assert (await mum.post_xml(huge)).status_code == 413
    for body in ("<xml><ToUserName>gh", "not xml at all", "<xml><FromUserName>o</FromUserName></xml>", ""):
        response = await mum.post_xml(body)
        assert response.status_code == 400 and "not a WeChat message" in response.text
    assert await processed_count(sessions) == 0


async def test_following_is_welcomed_and_unfollowing_stops_private_messages(side, sessions):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    assert mum.passive_text(await mum.event("subscribe")).startswith("你好")
    async with sessions() as session:
        assert await session.scalar(select(Identity.reachable).where(Identity.external_id == "oMum0001")) is True
    assert mum.passive_text(await mum.event("unsubscribe")) == ""
    async with sessions() as session:
        assert await session.scalar(select(Identity.reachable).where(Identity.external_id == "oMum0001")) is False


async def test_a_qr_code_with_the_join_code_asks_for_the_childs_name(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher")
    dad = WeChatUser(side.client, side.clock, "oDad00001")
    asked = dad.passive_text(await dad.event("subscribe", "qrscene_join-ABC234"))
    assert "三年级二班" in asked
    assert "小明" in dad.passive_text(await dad.send("小明"))
    assert await guardians_of(sessions, "小明") == ["wechat_oa"]


async def test_buttons_become_numbers_and_the_number_presses_the_button(side, sessions, wechat_api):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", children=())
    mum, teacher = WeChatUser(side.client, side.clock, "oMum0001"), WeChatUser(side.client, side.clock, "oTeacher")
    await mum.send("加入 ABC234 小亮 妈妈")
    await side.settle()
    [request] = wechat_api.texts_to("oTeacher")
    assert "小亮" in request and request.endswith("回复数字：1 ✅ 同意  2 ✖️ 拒绝")
    approved = teacher.passive_text(await teacher.send("1"))
    await side.settle()
    assert "小亮" in approved
    assert "小亮" in wechat_api.texts_to("oMum0001")[-1]
    async with sessions() as session:
        assert await session.scalar(select(Student.status).where(Student.name == "小亮")) == StudentStatus.active
    # The offer is used up: "2" now is just a number, and rejects nothing.
    assert "没看懂" in teacher.passive_text(await teacher.send("2"))


async def test_an_answer_over_2048_bytes_continues_in_customer_service_messages(side, sessions, wechat_api):
    children = [f"第{n:03d}号同学王小明" for n in range(150)]
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", children=children)
    teacher = WeChatUser(side.client, side.clock, "oTeacher")
    passive = teacher.passive_text(await teacher.send("/roster"))
    await side.settle()
    rest = wechat_api.texts_to("oTeacher")
    assert len(passive.encode()) <= 2048 and passive.startswith("三年级二班 · 花名册")
    assert len(rest) >= 2 and all(len(text.encode()) <= 2048 for text in rest)
    roster = "\n".join([passive, *rest])
    assert all(name in roster for name in children) and "还没有" in rest[-1]
    assert rest[-1].endswith("回复数字：1 ⬇️ CSV / XLSX")  # the roster's download, as a numbered reply
