"""/notice: a scheduled notice that waits out quiet hours and goes once, ✅ 收到 for the family with its live
count, the status list, the one reminder a day later only to the unconfirmed, attachments, bad input."""
from datetime import date

from sqlalchemy import func, select

from handlers.core.messages import Attachment, Incoming
from models.notices import Notice, NoticeAttachment
from support.dialog import GROUP_ID
from support.habit_class import make_unreachable, set_local
from support.notice_class import (
    FeatureWorker,
    confirmations,
    everything_the_group_saw,
    group_messages,
    notice_class,
    notices,
    popup,
)

TODAY = date(2026, 11, 24)  # the clock fixture's Tuesday
TOMORROW = date(2026, 11, 25)
NEXT_DAY = date(2026, 11, 26)


async def test_a_scheduled_notice_waits_out_quiet_hours_goes_once_and_counts_families(dialog, sessions, clock):
    teacher, rep, parents, dad = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "notices")
    [answer] = await rep.private('/notice "明天穿校服、带水杯" ack at=22:00')
    [notice] = await notices(sessions)
    assert answer.text.startswith(f"⏰ 通知 #{notice.id} 将于 11月25日 07:00 发到班级群（避开免打扰时段）")
    assert await worker.run() == [] and not [m for m in group_messages(dialog) if "📢" in m.text]
    set_local(clock, TODAY, "22:00")
    assert await worker.run() == []  # handed out at its time, held by the quiet hours
    set_local(clock, TOMORROW, "07:00")
    [message] = await worker.run()
    assert message.chat.chat_id == GROUP_ID
    assert message.text.startswith(f"📢 <b>班级通知</b>（#{notice.id}）\n明天穿校服、带水杯")
    assert "已确认 0/3" in message.text and [b.text for row in message.buttons for b in row] == ["✅ 收到"]
    assert await FeatureWorker(dialog, sessions, clock, "notices").run() == []  # once, after a restart too

    assert popup(await parents["小明"].press(message, "收到")) == "✅ 已确认收到（小明家），谢谢！"
    assert popup(await dad.press(message, "收到")) == "你家已经确认过这条通知了，不用再点。"  # the family did
    assert popup(await parents["小明"].press(message, "收到")) == "你家已经确认过这条通知了，不用再点。"
    [edited] = await worker.run()
    assert edited is message and "已确认 1/3" in message.text
    assert popup(await rep.press(message, "收到")) == "✅ 已确认收到（小红家），谢谢！"
    assert popup(await teacher.press(message, "收到")) == "确认是给家长的：你在这个班没有关联的孩子。"
    clock.advance(minutes=1)
    await worker.run()
    assert "已确认 2/3" in message.text
    assert len(await confirmations(sessions)) == 2
    seen = everything_the_group_saw(dialog)
    assert "妈妈" not in seen and "爸爸" not in seen and "小刚" not in seen  # nobody named in the group


async def test_the_reminder_goes_once_a_day_later_only_to_the_unconfirmed(dialog, sessions, clock):
    teacher, rep, parents, dad = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "notices")
    await teacher.group('/notice "周五下午家长会" ack')
    [message] = await worker.run()
    await dad.press(message, "收到")
    await worker.run()  # the count's edit
    before = {who: len(member.inbox) for who, member in
              {"mum": parents["小明"], "dad": dad, "rep": rep, "gang": parents["小刚"]}.items()}
    set_local(clock, TOMORROW, "08:59")
    assert await worker.run() == []  # not yet a day
    set_local(clock, TOMORROW, "09:00")
    sent = await worker.run()
    reminded = sorted(m.chat.chat_id for m in sent if m.chat.is_private)
    assert reminded == sorted([rep.external_id, parents["小刚"].external_id])
    [reminder] = [m for m in sent if m.chat.chat_id == rep.external_id]
    assert reminder.text.startswith("🔔 三年级二班的通知") and "周五下午家长会" in reminder.text
    assert len(parents["小明"].inbox) == before["mum"] and len(dad.inbox) == before["dad"]
    assert popup(await rep.press(reminder, "收到")) == "✅ 已确认收到（小红家），谢谢！"  # under the reminder too
    clock.advance(days=2)
    assert [m for m in await worker.run() if m.chat.is_private] == []  # one reminder, never a second


async def test_an_urgent_notice_goes_in_quiet_hours_and_its_reminder_waits_for_the_morning(dialog, sessions, clock):
    teacher, rep, parents, dad = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "notices")
    await make_unreachable(sessions, parents["小刚"])
    set_local(clock, TODAY, "22:00")
    assert await teacher.group('/notice "明天停课" ack urgent') == []
    [message] = await worker.run()
    assert "⚠️ 紧急" in message.text
    set_local(clock, TOMORROW, "22:00")
    assert await worker.run() == []  # the reminder is due, but not in quiet hours
    set_local(clock, NEXT_DAY, "07:00")
    sent = await worker.run()
    assert sorted(m.chat.chat_id for m in sent) == sorted([parents["小明"].external_id, dad.external_id,
                                                           rep.external_id])
    assert all(m.chat.chat_id != parents["小刚"].external_id for m in sent)  # unreachable: not written to


async def test_status_lists_the_unconfirmed_privately_for_the_poster_and_teachers_only(dialog, sessions, clock):
    teacher, rep, parents, dad = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "notices")
    await rep.group('/notice "下周一交回执" ack')
    [message] = await worker.run()
    await parents["小刚"].press(message, "收到")
    [status] = await teacher.private(f"/notice status {message.text.split('#')[1].split('）')[0]}")
    assert "已确认 1/3" in status.text
    assert "· 小明（小明妈妈、小明爸爸）" in status.text and "· 小红（小红妈妈）" in status.text
    assert "小刚" not in status.text and "11月25日 09:00 会私信提醒一次" in status.text
    [notice] = await notices(sessions)
    assert "未确认（2）" in (await rep.private(f"/notice status {notice.id}"))[0].text
    [refused] = await parents["小明"].private(f"/notice status {notice.id}")
    assert refused.text.startswith("只有老师或家委可以使用 /notice status")
    [in_group] = await teacher.group(f"/notice status {notice.id}")
    assert "私聊" in in_group.text and "小明" not in in_group.text
    [unknown] = await teacher.private("/notice status 99")
    assert unknown.text.startswith("找不到通知「99」")


async def test_photos_and_files_sent_with_the_command_go_with_the_notice(dialog, sessions, clock):
    teacher, _, _, _ = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "notices")
    photo = dialog.platform.store_file(b"\xff\xd8 a photo")
    form = dialog.platform.store_file(b"%PDF- a form")
    teacher.last = Incoming(dialog.next_key(), teacher.chat, teacher.sender, '/notice "春游回执，请打印填写" ack',
                            (Attachment("photo", photo, None, "image/jpeg"),
                             Attachment("document", form, "回执.pdf", "application/pdf")),
                            message_id=dialog.next_message_id())
    [answer] = await dialog.deliver(teacher.last)
    assert answer.text.startswith("✅ 通知 #")
    [message] = await worker.run()
    assert "春游回执" in message.text and message.buttons
    assert [(m.kind, m.file_name, m.data) for m in message.reply.media] == [
        ("photo", "notice-1.jpg", b"\xff\xd8 a photo"), ("document", "回执.pdf", b"%PDF- a form")]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(NoticeAttachment)) == 2


async def test_bad_input_is_answered_and_writes_nothing(dialog, sessions, clock):
    teacher, _, parents, _ = await notice_class(dialog)
    set_local(clock, TODAY, "19:00")
    for command, says in (("/notice", "请写上通知内容"), ("/notice ack", "请写上通知内容"),
                          ('/notice "带伞" at=18:00', "11月24日 18:00 已经过去了"),
                          ('/notice "带伞" at=明天', "不是「明天」"), ('/notice "带伞" at=soon', "不是「soon」"),
                          ('/notice "带伞" until=18:00', "不认识的选项 until="),
                          ('/notice "' + "很" * 2001 + '"', "最多 2000 个字")):
        [reply] = await teacher.private(command)
        assert says in reply.text and "用法" in reply.text, (command, reply.text)
    [nothing] = await parents["小明"].private("收到")
    assert nothing.text.startswith("你的班级现在没有需要确认的通知。")
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Notice)) == 0


async def test_parents_cannot_post_notices(dialog, sessions, clock):
    _, _, parents, _ = await notice_class(dialog)
    [refused] = await parents["小明"].group('/notice "明天放假" ack')
    assert refused.text.startswith("只有老师或家委可以使用 /notice new")
    [refused] = await parents["小明"].private('/notice "明天放假" ack')
    assert refused.text.startswith("只有老师或家委可以使用 /notice")
    assert await notices(sessions) == []


async def test_shou_dao_confirms_the_latest_notice_or_a_numbered_one(dialog, sessions, clock):
    teacher, _, parents, _ = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "notices")
    await teacher.group('/notice "第一条" ack')
    await teacher.group('/notice "不用确认的"')
    await teacher.group('/notice "第二条" ack')
    await worker.run()
    first, _, second = await notices(sessions)
    gang = parents["小刚"]
    assert (await gang.private("收到"))[0].text == "✅ 已确认收到（小刚家），谢谢！"
    assert (await gang.private(f"收到 {first.id}"))[0].text == "✅ 已确认收到（小刚家），谢谢！"
    assert (await gang.private("收到"))[0].text == "你家已经确认过这条通知了，不用再点。"
    assert (await gang.private("收到 99"))[0].text.startswith("找不到通知「99」")
    assert sorted(c.notice_id for c in await confirmations(sessions)) == [first.id, second.id]
    [shown] = [m for m in group_messages(dialog) if "第二条" in m.text]
    await worker.run()
    assert "已确认 1/3" in shown.text
