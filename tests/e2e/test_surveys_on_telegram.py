"""A survey through the real Telegram path: the block sent privately, the card in the group with its
"Answer" deep link, the questions answered privately by button and by text (a multi toggled in place,
back, a skip), the thank-you, the card's count edited, and the results with their chart images."""
from bot.push_delivery import make_worker
from schedules.providers import load_providers
from support.e2e_cast import DAD, GROUP, MUM, TEACHER, set_up

BLOCK = """/survey new
title: 家长满意度调查
1. [single] 您对本学期家校沟通是否满意？ | 很满意 | 满意 | 一般
2. [multi] 您希望增加哪些活动？ | 亲子阅读 | 家长开放日
3. [text] 其他建议
4. [text?] 还想说的"""


def _button(message: dict, label: str) -> str:
    return next(b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row
                if b["text"] == label)


async def _press(live, message: dict, label: str) -> dict:
    """Presses a button under a private question and returns the bot's next message there."""
    before = len(live.bot_messages(MUM))
    live.world.user_presses_button(MUM, message["message_id"], MUM, _button(message, label))
    return await live.until(lambda: live.bot_messages(MUM)[before:] and live.bot_messages(MUM)[before],
                            f"the answer to {label}")


async def test_a_survey_answered_privately_by_buttons_and_text(live, clock):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    await live.reply_to(DAD, DAD, f"/join {code} 小红 爸爸")
    load_providers()
    worker = make_worker(live.runtime, {"telegram": live.bridge.messenger})
    created = await live.reply_to(TEACHER, TEACHER, BLOCK)
    assert created["text"].startswith("✅ 问卷 #1 已发到班级群。")
    await worker.run_once()
    [card] = [m for m in live.bot_messages(GROUP) if m.get("text", "").startswith("📝")]
    [[link]] = card["reply_markup"]["inline_keyboard"]
    assert link["url"] == "https://t.me/ClassBridgeBot?start=sv-1" and "已填 0 份" in card["text"]

    before = len(live.bot_messages(MUM))
    live.world.user_sends_text(MUM, MUM, "/start sv-1")
    intro, first = await live.until(lambda: live.bot_messages(MUM)[before:before + 2][1:] and
                                    live.bot_messages(MUM)[before:before + 2], "the first question")
    assert intro["text"].startswith("📝 家长满意度调查：共 4 题")
    assert first["text"].startswith("1/4 您对本学期家校沟通是否满意？")
    second = await _press(live, first, "满意")
    assert second["text"].startswith("2/4 您希望增加哪些活动？")
    live.world.user_presses_button(MUM, second["message_id"], MUM, _button(second, "⬜ 亲子阅读"))
    toggled = await live.until(lambda: (m := live.world.chat(MUM).entries[second["message_id"]].message)
                               .get("text") != second["text"] and m, "the question edited in place")
    assert "当前选择：亲子阅读" in toggled["text"]
    third = await _press(live, toggled, "完成 ▶")
    assert third["text"].startswith("3/4 其他建议")
    back = await _press(live, third, "◀ 上一题")
    assert back["text"].startswith("2/4") and "当前选择：亲子阅读" in back["text"]
    third = await _press(live, back, "完成 ▶")
    fourth = await live.reply_to(MUM, MUM, "多组织亲子阅读")
    assert fourth["text"].startswith("4/4 还想说的（文字，选填）")
    thanks = await _press(live, fourth, "跳过 ▶")
    assert thanks["text"].startswith("🙏 谢谢！“家长满意度调查”的答案已收到。")

    clock.advance(seconds=5)
    await worker.run_once()  # the card's count
    edited = live.world.chat(GROUP).entries[card["message_id"]].message
    assert "已填 1 份" in edited["text"] and "妈妈" not in edited["text"]

    before = len(live.bot_messages(TEACHER))
    live.world.user_sends_text(TEACHER, TEACHER, "/survey results 1")
    shown = await live.until(lambda: len([m for m in live.bot_messages(TEACHER)[before:] if m.get("photo")]) >= 2
                             and live.bot_messages(TEACHER)[before:], "the results with two charts")
    texts = " ".join(m.get("text") or m.get("caption") or "" for m in shown)
    assert "满意　████████ 1（100%）" in texts and "• 多组织亲子阅读 —— 张妈妈" in texts
    assert len([m for m in shown if m.get("photo")]) == 2
