"""Homework through the real Telegram path: the card in the group, its 📤 deep link, an album sent privately,
the teacher's review by buttons, and the family's grade in its private chat."""
import io

from PIL import Image

from bot.push_delivery import make_worker
from support.e2e_cast import DAD, GROUP, MUM, TEACHER, set_up


def jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG")
    return out.getvalue()


async def test_card_link_album_review_by_buttons_and_the_private_grade(live, clock):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    await live.reply_to(DAD, DAD, f"/join {code} 小红 爸爸")
    created = await live.reply_to(TEACHER, TEACHER, '/hw new 口算 "每日10分钟口算打卡" due=20:00 grading=stars')
    assert created["text"].startswith("✅ 已布置作业")
    worker = make_worker(live.runtime, {"telegram": live.bridge.messenger})
    await worker.run_once()  # the card goes to the group through the outbox
    [card] = [m for m in live.bot_messages(GROUP) if m["text"].startswith("📚")]
    assert "已交 0/2" in card["text"]
    [[button]] = card["reply_markup"]["inline_keyboard"]
    assert button["url"].startswith("https://t.me/ClassBridgeBot?start=hw-")

    asked = await live.reply_to(MUM, MUM, "/start " + button["url"].split("start=")[1])
    assert asked["text"] == "请发送 小明 的口算作业：照片（可多张）、语音、文件或文字。"
    before = len(live.bot_messages(MUM))
    live.world.user_sends_album(MUM, MUM, [jpeg("red"), jpeg("blue")])
    [got] = await live.until(lambda: live.bot_messages(MUM)[before:], "the album to be received")
    assert got["text"].startswith("📥 已收到 小明 的口算作业")

    before = len(live.bot_messages(TEACHER))
    live.world.user_sends_text(TEACHER, TEACHER, "/review")
    item = await live.until(lambda: next((m for m in live.bot_messages(TEACHER)[before:] if "reply_markup" in m),
                                         None), "the submission to review")
    shown = [m for m in live.bot_messages(TEACHER)[before:] if "photo" in m]
    assert len(shown) == 2 and all(m.get("media_group_id") for m in shown)  # the album, as it was sent
    assert "小明" in item["text"]
    stars = next(b for row in item["reply_markup"]["inline_keyboard"] for b in row if b["text"] == "⭐⭐⭐")
    before_mum = len(live.bot_messages(MUM))
    live.world.user_presses_button(TEACHER, item["message_id"], TEACHER, stars["callback_data"])
    [grade] = await live.until(lambda: live.bot_messages(MUM)[before_mum:], "the family's grade")
    assert grade["text"] == "📝 老师批改了 小明 11月24日 的口算作业：⭐⭐⭐"
    assert not [m for m in live.bot_messages(DAD) if "⭐" in m["text"]]

    clock.advance(seconds=5)
    await worker.run_once()  # the card's count is edited; the group sees a count, never a name or a grade
    edited = live.world.chat(GROUP).entries[card["message_id"]].message
    assert "已交 1/2" in edited["text"]
    assert not [m for m in live.bot_messages(GROUP) if "⭐" in m["text"] or "小明" in m["text"]]
