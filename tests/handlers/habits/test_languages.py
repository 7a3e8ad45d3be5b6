"""Texts in each language: English plurals and dates from Babel; the group reads the class's language,
a person's private chat their own."""
from datetime import timedelta

from support.dialog import GROUP_ID
from support.habit_class import START, class_with_families, set_local


async def english_family(dialog, clock, class_language="en-GB"):
    teacher, code, parents = await class_with_families(dialog, children=("Lily",), language=class_language)
    await teacher.group('/plan new "Reading" makeup=1')
    set_local(clock, START, "19:00")
    return teacher, code, parents["Lily"]


async def test_english_counts_say_one_day_and_one_make_up(dialog, clock):
    _, _, dad = await english_family(dialog, clock)
    await dad.private("/checkin")
    [progress] = await dad.private("/progress")
    assert "Current streak 1 day · longest 1 day" in progress.text
    set_local(clock, START + timedelta(days=2), "19:00")
    [made_up] = await dad.private("/makeup yesterday")
    assert made_up.text == "🔁 Make-up recorded for Lily: Nov 26 (day 2) · 2/21 done · 0 make-ups left"


async def test_english_plan_details_use_english_dates_and_plurals(dialog, clock):
    teacher, _, _ = await english_family(dialog, clock)
    [details] = await teacher.private("/plan show 1")
    assert "21 days: Nov 25 to Dec 15, reminder at 20:00 every day" in details.text
    assert "1 make-up · required" in details.text


async def test_a_group_reply_is_in_the_class_language_and_a_private_one_in_the_persons(dialog, clock):
    teacher, code, _ = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    await teacher.private("/roster add Lily")
    dad = dialog.person("Lily's dad", language="en")
    await dad.private(f"/join {code} Lily")
    set_local(clock, START, "19:00")
    assert await dad.group("/checkin") == [] and dad.reactions == ["👍"]
    reaction = dialog.messenger.reactions[-1]
    assert reaction.chat.chat_id == GROUP_ID and reaction.fallback.startswith("✅ Lily 第1天打卡成功")  # class's
    [again] = await dad.private("/checkin")
    assert again.text == "Lily has already checked in today; nothing to do."
    [refusal] = await dad.group("/makeup 13-45")
    assert refusal.text.startswith("看不懂日期")
