"""Checking in through the real Telegram path: the command, the ✅ under the daily post, and a photo."""
import io
from datetime import datetime

from PIL import Image
from sqlalchemy import select

from bot.push_delivery import make_worker
from handlers.core.messages import Attachment
from models.habits import HabitCheckIn
from schedules.providers import load_providers
from schedules.tick import tick
from support.e2e_cast import DAD, GROUP, MUM, TEACHER, set_up
from support.habit_class import BEIJING


async def class_with_two_families(live):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    await live.reply_to(DAD, DAD, f"/join {code} 小红 爸爸")


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


async def test_command_then_the_daily_post_button_updates_the_count(live, clock):
    await class_with_two_families(live)
    created = await live.reply_to(GROUP, TEACHER, '/plan new "21天阅读" start=today')
    assert "21天阅读" in created["text"]
    before = len(live.bot_messages(GROUP))
    # The group hears nothing: Mum's own message gets the reaction, and the daily post's count the rest.
    assert await live.reaction_to(GROUP, MUM, "/checkin") == [{"type": "emoji", "emoji": "👍"}]
    assert live.world.stats.calls["setMessageReaction"] == 1
    assert len(live.bot_messages(GROUP)) == before

    # 20:00 in Beijing: the scheduler finds the daily post due and the worker sends it to the group.
    clock.set(datetime(2026, 11, 24, 20, 0, tzinfo=BEIJING))
    load_providers()
    await tick(live.runtime.sessions, clock.now())
    worker = make_worker(live.runtime, {"telegram": live.bridge.messenger})
    await worker.run_once()
    post = next(m for m in live.bot_messages(GROUP) if m["text"].startswith("📅"))
    assert "今日已打卡 1/2" in post["text"]
    button = post["reply_markup"]["inline_keyboard"][0][0]

    query = live.world.user_presses_button(GROUP, post["message_id"], DAD, button["callback_data"])
    popup = await live.until(lambda: live.world.callback_queries[query].answer, "the ✅ to be answered")
    assert "小红" in popup.get("text", "")
    clock.advance(seconds=5)
    await worker.run_once()  # applies the coalesced edit of the post's count
    edited = live.world.chat(GROUP).entries[post["message_id"]].message
    assert "今日已打卡 2/2" in edited["text"]
    # Praise in public, details in private: the group never sees who is missing.
    assert not any("未打卡" in m["text"] for m in live.bot_messages(GROUP))


async def test_a_photo_captioned_checkin_is_the_evidence(live):
    await class_with_two_families(live)
    await live.reply_to(GROUP, TEACHER, '/plan new "运动打卡" start=today evidence=photo')
    refused = await live.reply_to(GROUP, MUM, "/checkin")
    assert "照片" in refused["text"]
    before = len(live.bot_messages(GROUP))
    photo = live.world.user_sends_photo(GROUP, MUM, jpeg(), caption="/checkin 跳绳200个")
    entry = live.world.chat(GROUP).entries[photo["message_id"]]
    assert await live.until(lambda: entry.reactions) == [{"type": "emoji", "emoji": "👍"}]
    assert len(live.bot_messages(GROUP)) == before
    async with live.runtime.sessions() as session:
        checkin = await session.scalar(select(HabitCheckIn))
    assert checkin.note == "跳绳200个"
    # The stored file id is a real Telegram file: the bot can fetch the photo again.
    data = await live.bridge.platform.download(Attachment("photo", checkin.evidence_file_id))
    assert data == live.world.files.by_id[checkin.evidence_file_id].data
