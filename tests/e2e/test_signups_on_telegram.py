"""A sign-up list through the real Telegram path: posted to the group, a slot taken by button with its popup,
a full slot refused, and the list edited in place with the family's name under the slot."""
from bot.push_delivery import make_worker
from schedules.providers import load_providers
from support.e2e_cast import DAD, GROUP, MUM, TEACHER, set_up


async def test_a_sign_up_tap_takes_a_place_and_the_list_is_edited(live, clock):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    await live.reply_to(DAD, DAD, f"/join {code} 小红 爸爸")
    load_providers()
    worker = make_worker(live.runtime, {"telegram": live.bridge.messenger})
    before = len(live.bot_messages(GROUP))
    await live.reply_to(TEACHER, TEACHER, '/signup "护学岗" 周一护学岗 x1 | 周二护学岗 x2')
    await worker.run_once()  # the list goes to the group through the outbox, so taps can edit it
    [post] = [m for m in live.bot_messages(GROUP)[before:] if m.get("text", "").startswith("📝")]
    keyboard = post["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == ["周一护学岗 0/1", "周二护学岗 0/2"]

    for user, expected in ((MUM, "✅ 已报名：周一护学岗（1/1）"),
                           (DAD, "「周一护学岗」的 1 个名额已经满了，请选别的岗位。")):
        query = live.world.user_presses_button(GROUP, post["message_id"], user, keyboard[0][0]["callback_data"])
        answer = await live.until(lambda q=query: live.world.callback_queries[q].answer, "the tap's answer")
        assert answer.get("text") == expected
    clock.advance(seconds=5)
    await worker.run_once()  # the coalesced edit of the list
    edited = live.world.chat(GROUP).entries[post["message_id"]].message
    assert "1. 周一护学岗（1/1）：小明 · 已满" in edited["text"] and "2. 周二护学岗（0/2）" in edited["text"]
    assert [row[0]["text"] for row in edited["reply_markup"]["inline_keyboard"]] == ["周一护学岗 已满 1/1",
                                                                                   "周二护学岗 0/2"]
