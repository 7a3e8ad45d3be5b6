"""The real python-telegram-bot over HTTP against the Bot API stand-in: what people in the sandbox see."""

from sqlalchemy import select

from bot.sandbox.world import CallbackRecord
from models import Identity, Student, StudentStatus
from support.e2e_cast import DAD, GROUP, MUM, TEACHER, set_up


async def test_setup_then_join_by_deep_link_then_roster(live):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红")
    ask = await live.reply_to(MUM, MUM, f"/start join-{code}")
    assert "孩子的姓名" in ask["text"]
    joined = await live.reply_to(MUM, MUM, "小明 妈妈")
    assert "已加入" in joined["text"] and "小明" in joined["text"]
    roster = await live.reply_to(TEACHER, TEACHER, "/roster")
    assert "张妈妈（妈妈） ✓" in roster["text"]
    # HTML parse mode: the bold class name arrives as an entity, not as literal tags.
    assert "<b>" not in roster["text"] and any(e["type"] == "bold" for e in roster["entities"])


async def test_teacher_approves_with_a_button(live):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/help")  # the teacher has opened the private chat
    request = await live.reply_to(DAD, DAD, f"/join {code} 小新 爸爸", expect_in=TEACHER)
    approve = request["reply_markup"]["inline_keyboard"][0][0]
    assert len(approve["callback_data"].encode()) <= 64
    dad_before = len(live.bot_messages(DAD))
    query = live.world.user_presses_button(TEACHER, request["message_id"], TEACHER, approve["callback_data"])
    await live.until(lambda: live.bot_messages(DAD)[dad_before:], "the parent's news")
    assert "已加入" in live.bot_messages(DAD)[-1]["text"]
    edited = live.world.chat(TEACHER).entries[request["message_id"]].message
    assert "已同意" in edited["text"] and "edit_date" in edited
    await live.until(lambda: live.world.callback_queries[query].answer is not None, "the button to be answered")
    async with live.runtime.sessions() as session:
        assert (await session.scalar(select(Student).where(Student.name == "小新"))).status == StudentStatus.active


async def test_a_forged_button_press_changes_nothing(live):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/help")
    await live.reply_to(DAD, DAD, f"/join {code} 小新")
    async with live.runtime.sessions() as session:
        student = await session.scalar(select(Student).where(Student.name == "小新"))
    # Anyone can send a callback query with data of their choosing; without our signature it is refused.
    message = live.bot_messages(DAD)[-1]
    data = f"approve:{student.id}~AAAAAAAAAA"
    live.world.callback_queries["forged-1"] = CallbackRecord(DAD, message["message_id"], DAD, data)
    live.world.enqueue("callback_query", {
        "id": "forged-1", "from": {"id": DAD, "is_bot": False, "first_name": "刘爸爸"},
        "chat_instance": "1", "data": data, "message": message,
    })
    answer = await live.until(lambda: live.world.callback_queries["forged-1"].answer, "the refusal")
    assert "失效" in answer.get("text", "")
    async with live.runtime.sessions() as session:
        assert (await session.get(Student, student.id)).status == StudentStatus.pending


async def test_roster_import_of_a_document(live):
    await set_up(live)
    before = len(live.bot_messages(TEACHER))
    live.world.user_sends_document(TEACHER, TEACHER, "小明,01\n小红,02\n,03\n".encode(), "名单.csv", "text/csv",
                                   caption="/roster import")
    answer = await live.until(lambda: live.bot_messages(TEACHER)[before:] and live.bot_messages(TEACHER)[before])
    assert "新增 2" in answer["text"] and "第3行" in answer["text"]


async def test_a_person_who_blocked_the_bot_is_marked_unreachable(live):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/help")
    request = await live.reply_to(DAD, DAD, f"/join {code} 小新", expect_in=TEACHER)
    live.world.user_blocks_bot(DAD)
    approve = request["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    live.world.user_presses_button(TEACHER, request["message_id"], TEACHER, approve)

    async def dad_unreachable():
        async with live.runtime.sessions() as session:
            identity = await session.scalar(select(Identity).where(Identity.external_id == str(DAD)))
            return not identity.reachable

    await live.until(lambda: "已同意" in live.world.chat(TEACHER).entries[request["message_id"]].message["text"])
    for _ in range(50):
        if await dad_unreachable():
            break
        await live.world.wait_for_change(timeout=0.1)
    assert await dad_unreachable()


async def test_a_429_is_waited_out_and_the_reply_still_arrives(live):
    from bot.sandbox.limits import Limits

    await set_up(live)
    # One message a second into a private chat, no burst: the second quick reply gets a 429.
    live.world.limits = Limits(private_per_second=1.0, private_burst=1)
    live.world.user_sends_text(TEACHER, TEACHER, "/help")
    live.world.user_sends_text(TEACHER, TEACHER, "/settings")
    await live.until(lambda: len(live.bot_messages(TEACHER)) >= 2, "both answers")
    assert live.world.stats.too_many_requests >= 1
    assert "班级设置" in live.bot_messages(TEACHER)[-1]["text"]


async def test_the_command_menu_is_registered_in_both_languages(live):
    menus = {language: [c["command"] for c in commands] for (_, language), commands in live.world.commands.items()}
    assert "checkin" in menus["zh"] and "checkin" in menus["en"] and "roster" in menus[""]


async def test_a_failing_command_menu_does_not_stop_the_bot(database_url, clock):
    from bot.push_delivery import make_worker
    from bot.runtime import build_runtime
    from bot.sandbox.faults import Faults
    from bot.sandbox.local_server import free_port
    from bot.sandbox.wiring import sandbox_wiring
    from bot.settings import Settings
    from support.live import start_live

    runtime = build_runtime(Settings(database_url=database_url, http_port=free_port()), clock=clock)
    wiring = sandbox_wiring(runtime)
    wiring.world.faults = Faults(error_5xx_rate=1.0, methods=frozenset({"setMyCommands"}))
    # Polled updates' replies go out from the outbox: the worker sends them while the test waits.
    live, server, task = await start_live(runtime, wiring, make_worker(runtime, wiring.messengers))
    try:
        assert live.world.commands == {}
        answer = await live.reply_to(GROUP, TEACHER, "/setup 三年级二班")
        assert "三年级二班" in answer["text"]
    finally:
        await live.bridge.stop()
        server.should_exit = True
        await task
