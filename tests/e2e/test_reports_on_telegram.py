"""/report week and a list's ⬇️ CSV / XLSX through the real Telegram path: the week's text, then the chart as
a photo and the XLSX as a document in the teacher's private chat; the group sees none of it."""
from support.e2e_cast import GROUP, MUM, TEACHER, set_up


async def test_the_week_report_and_a_download_reach_the_teacher_privately(live, clock):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明 小红")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    before = len(live.bot_messages(TEACHER))
    live.world.user_sends_text(TEACHER, TEACHER, "/report week")
    sent = await live.until(lambda: (found := live.bot_messages(TEACHER)[before:]) and len(found) >= 3 and found,
                            "the report, its chart and its sheet")
    text, *files = sent
    assert text["text"].startswith("📊 三年级二班 周报 · 11月23日–11月29日")
    assert "本周表扬了 0/2 个孩子（0%）" in text["text"]
    assert [("photo" in m, m.get("document", {}).get("file_name")) for m in files] == [
        (True, None), (False, "三年级二班-2026-11-23.xlsx")]
    before = len(live.bot_messages(TEACHER))
    roster = await live.reply_to(TEACHER, TEACHER, "/roster")
    [download] = [b for row in roster["reply_markup"]["inline_keyboard"] for b in row if "CSV" in b["text"]]
    live.world.user_presses_button(TEACHER, roster["message_id"], TEACHER, download["callback_data"])
    got = await live.until(lambda: [m for m in live.bot_messages(TEACHER)[before:] if "document" in m],
                           "the roster's files")
    assert sorted(m["document"]["file_name"] for m in got) == [f"roster-{code}.csv", f"roster-{code}.xlsx"]
    assert not [m for m in live.bot_messages(GROUP) if "📊" in m.get("text", "") or "document" in m]
    [refused] = [await live.reply_to(MUM, MUM, "/report week")]
    assert "只有老师或家委可以使用" in refused["text"]
