"""Answers too long for what Telegram shows still reach the person: a roster in several messages, a popup
too long for a popup as a message, and a child's name in a popup as the parent typed it."""
from datetime import datetime

from bot.push_delivery import make_worker
from bot.sandbox.content import TEXT_LIMIT
from schedules.providers import load_providers
from schedules.tick import tick
from support.e2e_cast import DAD, GROUP, TEACHER, a_popup_too_long_becomes_a_message, set_up, teacher_of_two_classes
from support.habit_class import BEIJING


def child(n: int) -> str:
    return f"第{n:03d}号同学王小明的名字比较长"


async def test_a_roster_longer_than_one_message_arrives_whole(live):
    await set_up(live)
    for first in (0, 100, 200):
        names = " ".join(child(n) for n in range(first, first + 100))
        added = await live.reply_to(TEACHER, TEACHER, f"/roster add {names}")
        assert "已添加 100 名" in added["text"]
    before = len(live.bot_messages(TEACHER))
    live.world.user_sends_text(TEACHER, TEACHER, "/roster")

    def whole_roster():
        texts = "\n".join(m["text"] for m in live.bot_messages(TEACHER)[before:])
        return all(child(n) in texts for n in range(300)) and live.bot_messages(TEACHER)[before:]

    parts = await live.until(whole_roster, "every part of the roster")
    assert len(parts) == 3 and all(len(part["text"]) <= TEXT_LIMIT for part in parts)
    assert parts[0]["text"].startswith("三年级二班 · 花名册") and parts[-1]["text"].endswith("还没有")


async def test_a_popup_shows_a_childs_name_as_typed(live, clock):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add <b>Tom</b>")
    await live.reply_to(DAD, DAD, f"/join {code} <b>Tom</b> 爸爸")
    await live.reply_to(GROUP, TEACHER, '/plan new "21天阅读" start=today')
    clock.set(datetime(2026, 11, 24, 20, 0, tzinfo=BEIJING))  # the daily post is due
    load_providers()
    await tick(live.runtime.sessions, clock.now())
    await make_worker(live.runtime, {"telegram": live.bridge.messenger}).run_once()
    post = next(m for m in live.bot_messages(GROUP) if m["text"].startswith("📅"))
    button = post["reply_markup"]["inline_keyboard"][0][0]
    query = live.world.user_presses_button(GROUP, post["message_id"], DAD, button["callback_data"])
    popup = await live.until(lambda: live.world.callback_queries[query].answer, "the ✅ to be answered")
    assert popup["text"].startswith("✅ <b>Tom</b> 第1天打卡成功")


async def test_a_popup_too_long_to_show_becomes_a_message(live):
    await teacher_of_two_classes(live)
    await a_popup_too_long_becomes_a_message(live)
