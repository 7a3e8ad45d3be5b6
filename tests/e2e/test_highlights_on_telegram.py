"""The Friday highlights digest through the real Telegram path: the group gets the digest and the week's
photos as albums (sendMediaGroup, 10 + 2), a family gets its child's private copy, and its ❤️ reaches the
teacher."""
import io
from datetime import datetime

from PIL import Image

from bot.push_delivery import make_worker
from schedules.providers import load_providers
from schedules.tick import tick
from support.e2e_cast import DAD, GROUP, MUM, TEACHER, set_up
from support.habit_class import BEIJING


def jpeg(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (shade, 120, 40)).save(out, "JPEG")
    return out.getvalue()


async def test_the_digest_posts_albums_and_a_private_copy_whose_heart_reaches_the_teacher(live, clock):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    await live.reply_to(DAD, DAD, f"/join {code} 小红 爸爸")
    for index in range(12):
        before = len(live.bot_messages(TEACHER))
        caption = "/highlight 小明 主动帮助同学整理图书" if index == 0 else None
        live.world.user_sends_photo(TEACHER, TEACHER, jpeg(index * 20), caption=caption)
        await live.until(lambda before=before: live.bot_messages(TEACHER)[before:], "the photo's answer")
    assert "已记下" in live.bot_messages(TEACHER)[-12]["text"]

    clock.set(datetime(2026, 11, 27, 16, 0, tzinfo=BEIJING))  # Friday 16:00, the class's digest time
    load_providers()
    await tick(live.runtime.sessions, clock.now())
    worker = make_worker(live.runtime, {"telegram": live.bridge.messenger})
    for _ in range(5):
        await worker.run_once()
        clock.advance(seconds=3)

    group = live.bot_messages(GROUP)
    digest = next(m for m in group if m.get("text", "").startswith("🌟 本周闪光点 (11/23–11/27)"))
    assert "小明：主动帮助同学整理图书" in digest["text"]
    albums: dict[str, int] = {}
    for message in group:
        if "media_group_id" in message:
            albums[message["media_group_id"]] = albums.get(message["media_group_id"], 0) + 1
    assert sorted(albums.values(), reverse=True) == [10, 2]

    copy = next(m for m in live.bot_messages(MUM) if m.get("text", "").startswith("🌟 小明 的本周闪光点"))
    assert not any("闪光点" in m.get("text", "") for m in live.bot_messages(DAD))  # not their child's
    heart = copy["reply_markup"]["inline_keyboard"][0][0]
    query = live.world.user_presses_button(MUM, copy["message_id"], MUM, heart["callback_data"])
    popup = await live.until(lambda: live.world.callback_queries[query].answer, "the ❤️ to be answered")
    assert "转达" in popup.get("text", "")
    clock.advance(seconds=5)
    # The thanks is a reply to the press, in the outbox: it goes out while the test waits for it.
    thanks = await live.until(lambda: [m for m in live.bot_messages(TEACHER)
                                       if m.get("text", "").startswith("❤️ 家长的感谢")], "the thanks")
    assert "（小明）" in thanks[0]["text"]
