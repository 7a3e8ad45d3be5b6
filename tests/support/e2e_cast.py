"""Who is who in the sandbox's starting cast (bot/sandbox/cast.py), and the first step of most stories."""
import re

TEACHER, REP, MUM, DAD, GRANDMA = 1001, 1002, 2101, 2102, 2103
GROUP = -1001000000001


async def set_up(live) -> str:
    """The teacher makes the group a class; returns the join code from the link the bot answers with."""
    answer = await live.reply_to(GROUP, TEACHER, "/setup 三年级二班")
    assert "三年级二班" in answer["text"]
    link = answer["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert re.fullmatch(r"https://t\.me/ClassBridgeBot\?start=join-[A-Z0-9]{6}", link)
    return link.rsplit("join-", 1)[1]


SECOND_GROUP = -1001000000002  # a second class group of the same teacher


async def teacher_of_two_classes(live) -> None:
    await live.reply_to(GROUP, TEACHER, "/setup 三年级二班")
    live.world.add_group("四年级一班 家长群", chat_id=SECOND_GROUP)
    live.world.add_member(SECOND_GROUP, TEACHER, admin=True, owner=True)
    await live.reply_to(SECOND_GROUP, TEACHER, "/setup 四年级一班")


async def a_popup_too_long_becomes_a_message(live) -> None:
    question = await live.reply_to(TEACHER, TEACHER, '/plan new "x" start=2020-01-01')
    assert "哪个班级" in question["text"]
    pick = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    before = len(live.bot_messages(TEACHER))
    live.a_while_later()
    query = live.world.user_presses_button(TEACHER, question["message_id"], TEACHER, pick)
    refusal = await live.until(
        lambda: [m for m in live.bot_messages(TEACHER)[before:] if "不能早于今天" in m["text"]], "the refusal")
    assert len(refusal[0]["text"]) > 200 and "/plan new" in refusal[0]["text"]  # with the usage line
    answer = await live.until(lambda: live.world.callback_queries[query].answer, "the press to be answered")
    assert not answer.get("text")
