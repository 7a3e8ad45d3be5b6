"""A notice through the real Telegram path: sent as a photo's caption, posted to the group with its photo
and the ✅ 收到 button, presses answered with popups, the count edited in place and nobody named."""
import io

from PIL import Image

from bot.push_delivery import make_worker
from schedules.providers import load_providers
from support.e2e_cast import DAD, GROUP, MUM, TEACHER, set_up


def a_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "PNG")
    return buffer.getvalue()


async def test_a_notice_with_its_button_and_the_count_edited_in_place(live, clock):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红 小刚")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    await live.reply_to(DAD, DAD, f"/join {code} 小红 爸爸")
    load_providers()
    worker = make_worker(live.runtime, {"telegram": live.bridge.messenger})
    before = len(live.bot_messages(GROUP))
    live.world.user_sends_photo(TEACHER, TEACHER, a_photo(), caption='/notice "周五下午家长会，请准时参加" ack')
    created = await live.until(lambda: next((m for m in live.bot_messages(TEACHER) if "通知 #" in m.get("text", "")),
                                            None), "the notice's confirmation")
    assert created["text"].startswith("✅ 通知 #")
    await worker.run_once()
    posted = live.bot_messages(GROUP)[before:]
    [post] = [m for m in posted if m.get("text", "").startswith("📢")]
    assert "周五下午家长会" in post["text"] and "已确认 0/3" in post["text"]
    [[button]] = post["reply_markup"]["inline_keyboard"]
    assert button["text"] == "✅ 收到"
    assert any(m.get("photo") for m in posted)  # the photo went with it

    for user, says in ((MUM, "✅ 已确认收到（小明家），谢谢！"), (DAD, "✅ 已确认收到（小红家），谢谢！"),
                       (MUM, "你家已经确认过这条通知了，不用再点。")):
        query = live.world.user_presses_button(GROUP, post["message_id"], user, button["callback_data"])
        answer = await live.until(lambda q=query: live.world.callback_queries[q].answer, "the press's answer")
        assert answer.get("text") == says
    clock.advance(seconds=5)
    await worker.run_once()  # the coalesced edit of the count
    edited = live.world.chat(GROUP).entries[post["message_id"]].message
    assert "已确认 2/3" in edited["text"] and edited["reply_markup"]["inline_keyboard"][0][0]["text"] == "✅ 收到"
    group_texts = " ".join(m.get("text", "") + m.get("caption", "") for m in live.bot_messages(GROUP))
    assert "妈妈" not in group_texts and "爸爸" not in group_texts and "小刚" not in group_texts
