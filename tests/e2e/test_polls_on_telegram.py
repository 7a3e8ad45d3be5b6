"""A poll through the real Telegram path: asked in the group, votes by button, the tally edited in place,
and at closing the buttons gone and the result with its chart image."""
import io

from PIL import Image

from bot.push_delivery import make_worker
from schedules.providers import load_providers
from support.e2e_cast import DAD, GROUP, MUM, TEACHER, set_up


async def test_a_poll_voted_by_button_is_edited_and_closes_with_a_chart(live, clock):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    await live.reply_to(DAD, DAD, f"/join {code} 小红 爸爸")
    load_providers()
    worker = make_worker(live.runtime, {"telegram": live.bridge.messenger})
    before = len(live.bot_messages(GROUP))
    created = await live.reply_to(TEACHER, TEACHER, '/poll "周五亲子活动去哪里？" 公园 | 博物馆')
    number = created["text"].split("#")[1].split()[0]
    await worker.run_once()  # the poll goes to the group through the outbox, so votes can edit it
    [post] = [m for m in live.bot_messages(GROUP)[before:] if m.get("text", "").startswith("📊")]
    assert [row[0]["text"] for row in post["reply_markup"]["inline_keyboard"]] == ["公园", "博物馆"]

    for user, row in ((MUM, 0), (DAD, 0)):
        data = post["reply_markup"]["inline_keyboard"][row][0]["callback_data"]
        query = live.world.user_presses_button(GROUP, post["message_id"], user, data)
        answer = await live.until(lambda q=query: live.world.callback_queries[q].answer, "the vote's answer")
        assert answer.get("text") == "✅ 已投：公园"
    clock.advance(seconds=5)
    await worker.run_once()  # the coalesced edit of the tally
    edited = live.world.chat(GROUP).entries[post["message_id"]].message
    assert "公园　████████ 2（100%）" in edited["text"] and "2 人已投" in edited["text"]

    closed = await live.reply_to(TEACHER, TEACHER, f"/poll close {number}")
    assert "已结束" in closed["text"]
    clock.advance(minutes=1)
    await worker.run_once()
    await worker.run_once()
    edited = live.world.chat(GROUP).entries[post["message_id"]].message
    assert "投票已结束" in edited["text"] and not edited.get("reply_markup", {}).get("inline_keyboard")
    [photo] = [m for m in live.bot_messages(GROUP) if m.get("photo")]
    largest = max(photo["photo"], key=lambda size: size["width"])
    image = Image.open(io.BytesIO(live.world.files.by_id[largest["file_id"]].data))
    assert image.format == "PNG" and image.width > 300
    assert any("🏁 投票结果" in (m.get("text") or m.get("caption") or "") for m in live.bot_messages(GROUP))
