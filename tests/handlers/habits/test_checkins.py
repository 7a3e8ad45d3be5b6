"""/checkin (打卡), the ✅ button, photo check-ins, choosing a child or plan, and every refusal."""
import asyncio
from datetime import timedelta

import pytest

from bot.fake import FakeMessenger, FakePlatform
from handlers.core.context import Defaults
from handlers.core.dispatcher import Dispatcher
from handlers.habits import checkin_records
from support.classes import join_approved
from support.dialog import GROUP_ID, Dialog
from support.habit_class import (
    START,
    Scheduler,
    checkins,
    class_with_families,
    count_checkins,
    send_photo,
    set_local,
)


async def running_plan(dialog, clock, options=""):
    teacher, code, parents = await class_with_families(dialog)
    await teacher.group(f'/plan new "每天阅读" {options}'.strip())
    set_local(clock, START, "19:00")
    return teacher, code, parents


async def test_a_parent_checks_in_privately_and_hears_day_streak_and_progress(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    [reply] = await parents["小明"].private("/checkin")
    assert reply.text == "✅ 小明 第1天打卡成功 · 连续1天 · 已完成 1/21"
    [row] = await checkins(sessions)
    assert (row.day, row.is_makeup, row.note, row.evidence_file_id) == (START, False, None, None)


async def test_a_check_in_racing_another_for_the_same_child_is_told_it_is_done(dialog, sessions, clock,
                                                                            database_url, monkeypatch):
    """Mum's check-in has looked (nothing yet today) when Dad's is recorded: the unique day decides, and Mum
    hears it is done. SQLite gives one writer at a time its turn from BEGIN, so this race is PostgreSQL's."""
    if database_url.startswith("sqlite"):
        pytest.skip("on SQLite two check-ins never overlap")
    _, code, parents = await running_plan(dialog, clock)
    mum, dad = parents["小明"], dialog.person("小明爸爸")
    await join_approved(dad, code, "小明", "爸爸", mum)
    looked, go_on = asyncio.Event(), asyncio.Event()
    real_record = checkin_records.child_record

    async def first_one_waits(session, plan, student_id):
        record = await real_record(session, plan, student_id)
        if not looked.is_set():
            looked.set()
            await go_on.wait()
        return record

    monkeypatch.setattr(checkin_records, "child_record", first_one_waits)
    mum_checking_in = asyncio.create_task(mum.private("/checkin"))
    await looked.wait()
    [dad_reply] = await dad.private("/checkin")
    go_on.set()
    [mum_reply] = [m for m in await mum_checking_in if m.chat == mum.chat]
    assert dad_reply.text.startswith("✅ 小明 第1天打卡成功")
    assert mum_reply.text == "小明 今天已经打过卡了，不用再打。"
    assert await count_checkins(sessions) == 1


async def test_in_the_group_a_check_in_is_confirmed_with_a_reaction_on_the_parents_message(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    mum = parents["小明"]
    group_before = len(dialog.messenger.in_chat(GROUP_ID))
    assert await mum.group("/checkin") == []
    assert len(dialog.messenger.in_chat(GROUP_ID)) == group_before  # no new message in the group
    [reaction] = dialog.messenger.reactions
    assert (reaction.chat.chat_id, reaction.message_id, reaction.emoji) == (GROUP_ID, mum.last.message_id, "👍")
    assert reaction.fallback.startswith("✅ 小明 第1天打卡成功")
    assert await count_checkins(sessions) == 1
    [refusal] = await mum.group("/checkin")  # a refusal is still one short line
    assert refusal.chat.chat_id == GROUP_ID and refusal.text == "小明 今天已经打过卡了，不用再打。"
    assert mum.reactions == []


async def test_where_there_are_no_reactions_the_group_check_in_gets_its_short_text(sessions, clock):
    platform = FakePlatform()
    dispatcher = Dispatcher(sessions=sessions, clock=clock, platform=platform, defaults=Defaults())
    dialog = Dialog(dispatcher, FakeMessenger(reactions=False), platform)
    _, _, parents = await running_plan(dialog, clock)
    [reply] = await parents["小明"].group("/checkin")
    assert reply.chat.chat_id == GROUP_ID and reply.text.startswith("✅ 小明 第1天打卡成功")
    assert dialog.messenger.reactions == []


async def test_the_keyword_打卡_works_in_private(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    [reply] = await parents["小红"].private("打卡 读了西游记")
    assert "✅ 小红 第1天打卡成功" in reply.text
    [row] = await checkins(sessions)
    assert row.note == "读了西游记"


async def test_a_repeated_delivery_of_the_same_update_changes_nothing_and_sends_nothing(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    await parents["小明"].group("/checkin")
    sent = len(dialog.messenger.transcript)
    assert await parents["小明"].redeliver() == []
    assert len(dialog.messenger.transcript) == sent and len(dialog.messenger.reactions) == 1
    assert await count_checkins(sessions) == 1


async def test_a_second_guardian_the_same_day_hears_it_is_done_and_nothing_changes(dialog, sessions, clock):
    _, code, parents = await running_plan(dialog, clock)
    dad = dialog.person("小明爸爸")
    await join_approved(dad, code, "小明", "爸爸", parents["小明"])
    await parents["小明"].private("/checkin 读了十页")
    [reply] = await dad.private("/checkin 读了二十页")
    assert reply.text == "小明 今天已经打过卡了，不用再打。"
    [row] = await checkins(sessions)
    assert row.note == "读了十页"


async def test_check_ins_are_refused_before_the_start_after_the_end_and_once_stopped(dialog, sessions, clock):
    teacher, _, parents = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读" days=3')
    [early] = await parents["小明"].private("/checkin")
    assert "《每天阅读》11月25日 才开始" in early.text
    set_local(clock, START + timedelta(days=3), "08:00")
    [late] = await parents["小明"].private("/checkin")
    assert "《每天阅读》已于 11月27日 结束" in late.text
    await teacher.group('/plan new "跳绳" start=today')
    await teacher.private("/plan stop 2")
    [stopped] = await parents["小明"].private("/checkin 2")
    assert "《跳绳》已经停止" in stopped.text
    assert await count_checkins(sessions) == 0


async def test_someone_who_is_not_a_guardian_cannot_check_in(dialog, sessions, clock):
    teacher, _, _ = await running_plan(dialog, clock)
    [reply] = await teacher.group("/checkin")
    assert "只有参加这个计划的孩子的家长才能打卡" in reply.text
    stranger = dialog.person("路人")
    [reply] = await stranger.group("/checkin")
    assert "只有参加这个计划的孩子的家长才能打卡" in reply.text
    assert await count_checkins(sessions) == 0


async def test_a_plan_of_another_class_is_refused_by_name(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    other_teacher = dialog.person("李老师", admin_of=("-2002",))
    await other_teacher.send(dialog.group_chat("-2002"), "/setup 四年级一班")
    await other_teacher.send(dialog.group_chat("-2002"), '/plan new "跳绳" start=today')
    [reply] = await parents["小明"].private("/checkin #2")
    assert "计划“#2”不属于" in reply.text
    assert await count_checkins(sessions) == 0


async def test_a_parent_of_two_chooses_the_child_with_buttons(dialog, sessions, clock):
    _, code, parents = await running_plan(dialog, clock)
    mum = parents["小明"]
    await join_approved(mum, code, "小红", "妈妈", parents["小红"])
    [question] = await mum.private("/checkin 读了三国")
    assert question.text == "要为哪个孩子打卡？"
    assert [row[0].text for row in question.buttons] == ["小明", "小红"]
    [first] = await mum.press(question, "小明")
    assert first.text.startswith("✅ 小明 第1天打卡成功")
    assert [row[0].text for row in first.buttons] == ["小红"]  # the other child is one tap away
    await mum.press(first, "小红")
    assert first.text.startswith("✅ 小红 第1天打卡成功") and first.buttons == ()
    assert [(c.note, c.checked_in_by is not None) for c in await checkins(sessions)] == [("读了三国", True)] * 2


async def test_a_parent_of_two_can_name_the_child(dialog, sessions, clock):
    _, code, parents = await running_plan(dialog, clock)
    await join_approved(parents["小明"], code, "小红", "妈妈", parents["小红"])
    [reply] = await parents["小明"].private("/checkin child=小红")
    assert reply.text.startswith("✅ 小红")
    [wrong] = await parents["小明"].private("/checkin child=小刚")
    assert "你的孩子里没有 小刚" in wrong.text
    assert await count_checkins(sessions) == 1


async def test_another_parent_cannot_use_a_childs_button(dialog, sessions, clock):
    _, code, parents = await running_plan(dialog, clock)
    await join_approved(parents["小明"], code, "小红", "妈妈", parents["小红"])
    [question] = await parents["小明"].group("/checkin")
    [refused] = await parents["小刚"].press(question, "小明")
    assert refused.text == "这个按钮已经失效了。" and refused.reply.popup
    assert await count_checkins(sessions) == 0


async def test_the_button_under_the_daily_post_checks_in_answers_the_presser_and_updates_the_count(
        dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    scheduler = Scheduler(dialog, sessions, clock)
    set_local(clock, START, "20:00")
    [post] = await scheduler.run()
    assert post.chat.chat_id == GROUP_ID and post.text == "📅 每天阅读 第1/21天 · 今日已打卡 0/3"
    [answer] = await parents["小刚"].press(post, "✅")
    assert answer.reply.popup and answer.text.startswith("✅ 小刚 第1天打卡成功")
    clock.advance(seconds=5)
    [edited] = await scheduler.run()
    assert edited is post and post.text == "📅 每天阅读 第1/21天 · 今日已打卡 1/3"
    assert [row[0].text for row in post.buttons] == ["✅ 打卡"]  # the edit keeps the button
    [again] = await parents["小刚"].press(post, "✅")
    assert again.text == "小刚 今天已经打过卡了，不用再打。"
    assert await count_checkins(sessions) == 1


async def test_with_two_running_plans_the_bot_asks_which(dialog, sessions, clock):
    teacher, _, parents = await running_plan(dialog, clock)
    await teacher.group('/plan new "跳绳" start=today')
    [question] = await parents["小明"].private("/checkin")
    assert question.text == "要为哪个计划打卡？"
    [done] = await parents["小明"].press(question, "跳绳")
    assert done.text.startswith("✅ 小明 第1天打卡成功")
    [direct] = await parents["小明"].private("/checkin 1 读了十页")
    assert direct.text.startswith("✅ 小明 第1天")
    assert sorted((c.plan_id, c.note) for c in await checkins(sessions)) == [(1, "读了十页"), (2, None)]


async def test_a_photo_plan_needs_a_photo(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock, "evidence=photo")
    mum = parents["小明"]
    [refused] = await mum.group("/checkin")
    assert "需要照片" in refused.text and "配文写 /checkin" in refused.text
    [ask] = await mum.private("/checkin")
    assert ask.text == "《每天阅读》需要照片：请发送 小明 的打卡照片。"
    assert await count_checkins(sessions) == 0
    [done], file_id = await send_photo(mum, mum.chat, caption="")
    assert done.text.startswith("✅ 小明 第1天打卡成功")
    [row] = await checkins(sessions)
    assert row.evidence_file_id == file_id


async def test_a_photo_captioned_checkin_in_the_group_is_recorded_with_its_file(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock, "evidence=photo")
    replies, file_id = await send_photo(parents["小红"], dialog.group_chat(), caption="/checkin 跳了200下")
    assert replies == []  # the group gets no message: the reaction on the photo says it
    [reaction] = dialog.messenger.reactions
    assert reaction.message_id == parents["小红"].last.message_id and reaction.fallback.startswith("✅ 小红")
    [row] = await checkins(sessions)
    assert (row.evidence_file_id, row.note) == (file_id, "跳了200下")


async def test_a_text_plan_needs_a_note(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock, "evidence=text")
    mum = parents["小明"]
    [refused] = await mum.group("/checkin")
    assert "需要写一句打卡内容" in refused.text
    [ask] = await mum.private("/checkin")
    assert "请发送 小明 今天的打卡内容" in ask.text
    [done] = await mum.private("读了《小王子》第三章")
    assert done.text.startswith("✅ 小明 第1天打卡成功")
    [row] = await checkins(sessions)
    assert row.note == "读了《小王子》第三章"


async def test_a_note_that_is_too_long_is_refused(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    [reply] = await parents["小明"].private("/checkin " + "读" * 501)
    assert "最多 500 个字" in reply.text
    assert await count_checkins(sessions) == 0


async def test_the_class_day_turns_at_midnight_in_the_class_time_zone(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    set_local(clock, START, "23:59")
    [late] = await parents["小明"].private("/checkin")
    assert "第1天打卡成功" in late.text
    clock.advance(minutes=2)  # 00:01 in Beijing, still 16:01 the day before in UTC
    [early] = await parents["小明"].private("/checkin")
    assert early.text == "✅ 小明 第2天打卡成功 · 连续2天 · 已完成 2/21"
    assert [c.day for c in await checkins(sessions)] == [START, START + timedelta(days=1)]


async def test_a_child_no_longer_on_the_roster_cannot_be_checked_in(dialog, sessions, clock):
    teacher, _, parents = await running_plan(dialog, clock)
    await teacher.private("/roster remove 小明")
    [reply] = await parents["小明"].private("/checkin")
    assert "只有参加这个计划的孩子的家长才能打卡" in reply.text
    assert await count_checkins(sessions) == 0


async def test_forgetme_erases_what_the_parent_wrote_and_photographed_but_keeps_the_childs_day(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock, "evidence=photo")
    mum = parents["小明"]
    await send_photo(mum, mum.chat, caption="/checkin 读了十页")
    [question] = await mum.private("/forgetme")
    await mum.press(question, "确定删除")
    [row] = await checkins(sessions)
    assert (row.day, row.note, row.evidence_file_id, row.checked_in_by) == (START, None, None, None)


async def test_a_photo_sent_later_does_not_reopen_a_check_in_already_done(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock, "evidence=photo")
    mum = parents["小明"]
    await mum.private("/checkin")  # the bot waits for a photo
    await send_photo(mum, mum.chat, caption="/checkin")  # but she sends it with the caption anyway
    [reply], _ = await send_photo(mum, mum.chat, caption="")
    assert reply.text == "我没看懂这条消息。发送 /help 查看可用命令。"
    assert await count_checkins(sessions) == 1


async def test_two_guardians_at_the_same_moment_make_one_check_in(dialog, sessions, clock, monkeypatch):
    _, code, parents = await running_plan(dialog, clock)
    dad = dialog.person("小明爸爸")
    await join_approved(dad, code, "小明", "爸爸", parents["小明"])
    await parents["小明"].private("/checkin")

    async def not_seen_yet(*_args):  # dad's check looked before mum's row was committed
        return checkin_records.ChildRecord(set(), set())

    monkeypatch.setattr(checkin_records, "child_record", not_seen_yet)
    [reply] = await dad.private("/checkin")
    assert reply.text == "小明 今天已经打过卡了，不用再打。"
    assert await count_checkins(sessions) == 1


async def test_the_private_nudge_has_a_button_that_checks_in(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock)
    scheduler = Scheduler(dialog, sessions, clock)
    set_local(clock, START, "21:20")
    nudges = [m for m in await scheduler.run() if m.chat.chat_id == parents["小明"].external_id]
    [nudge] = nudges
    [reply] = await parents["小明"].press(nudge, "✅ 小明")
    assert reply.text == "✅ 小明 第1天打卡成功 · 连续1天 · 已完成 1/21"
    assert not reply.reply.popup


async def test_with_several_plans_another_familys_child_is_refused_before_asking_which_plan(dialog, sessions, clock):
    teacher, _, parents = await running_plan(dialog, clock)
    await teacher.group('/plan new "跳绳" start=today')
    [reply] = await parents["小明"].private("/checkin child=小红")
    assert "你的孩子里没有 小红" in reply.text and reply.buttons == ()
    [own] = await parents["小明"].private("/checkin child=小明")
    assert own.text == "要为哪个计划打卡？"
    assert await count_checkins(sessions) == 0


async def test_the_button_under_the_daily_post_of_a_photo_plan_asks_for_the_photo_privately(dialog, sessions, clock):
    _, _, parents = await running_plan(dialog, clock, "evidence=photo")
    mum = parents["小明"]
    scheduler = Scheduler(dialog, sessions, clock)
    set_local(clock, START, "20:00")
    [post] = await scheduler.run()
    sent = await mum.press(post, "✅")
    [popup] = [m for m in sent if m.chat.chat_id == GROUP_ID]
    assert popup.reply.popup and "我已私信你" in popup.text
    [ask] = [m for m in sent if m.chat == mum.chat]
    assert ask.text == "《每天阅读》需要照片：请发送 小明 的打卡照片。"
    [done], file_id = await send_photo(mum, mum.chat, caption="")
    assert done.text.startswith("✅ 小明 第1天打卡成功")
    [row] = await checkins(sessions)
    assert row.evidence_file_id == file_id
    assert all(not m.reply.media for m in dialog.messenger.in_chat(GROUP_ID))  # the photo never went to the group
