"""/poll status privately with its reminder, /poll close, closing at `until`, and who may do which."""
from datetime import date

from support.dialog import GROUP_ID
from support.habit_class import make_unreachable, set_local
from support.poll_class import PollWorker, ask, poll_class, polls, popup, press_as_sent

TODAY = date(2026, 11, 24)  # the clock fixture's Tuesday
QUESTION = '/poll "周五亲子活动去哪里？" 公园 | 博物馆 | 图书馆'


async def test_the_creator_sees_who_has_not_voted_privately_and_reminds_exactly_those(dialog, sessions, clock):
    teacher, rep, parents = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    _, message = await ask(rep, worker, QUESTION)
    [poll] = await polls(sessions)
    await parents["小明"].press(message, "公园")
    [status] = await rep.private(f"/poll status {poll.id}")
    assert status.chat == rep.chat
    assert "1 人已投" in status.text and "未投（2）：小刚妈妈、小红妈妈" in status.text
    assert "公园　████████ 1（100%）" in status.text
    await make_unreachable(sessions, parents["小刚"])
    replies = await rep.press(status, "提醒")
    # 小明妈妈 voted and 小刚妈妈 cannot be written to: only 小红妈妈, the rep herself, is nudged.
    [to_rep] = [r for r in replies if r.text.startswith("🗳")]
    assert to_rep.chat == rep.chat and any(r.text == "🔔 已私信提醒 1 人。" for r in replies)
    assert {r.chat.chat_id for r in replies} == {rep.external_id}
    assert to_rep.text == "🗳 班级投票「周五亲子活动去哪里？」还等你投一票，点下面的按钮就行。"
    assert popup(await rep.press(to_rep, "图书馆")) == "✅ 已投：图书馆"  # votes from the reminder too
    [again] = await rep.press(status, "提醒")
    assert again.text == "这个投票已经提醒过了。"
    [later] = await teacher.private(f"/poll status {poll.id}")  # a teacher may look too
    assert "未投（1）：小刚妈妈（已提醒）" in later.text
    assert [row[0].text for row in later.buttons] == ["⬇️ CSV / XLSX"]  # no second reminder
    assert "小刚妈妈" not in dialog.messenger.in_chat(GROUP_ID)[-1].text


async def test_parents_cannot_read_or_close_a_poll_nor_a_rep_someone_elses(dialog, sessions, clock):
    teacher, rep, parents = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    _, message = await ask(teacher, worker, QUESTION)
    [poll] = await polls(sessions)
    mum = parents["小明"]
    [refused] = await mum.private(f"/poll status {poll.id}")
    assert refused.text.startswith("只有老师或家委可以使用 /poll status")
    [refused] = await mum.group(f"/poll close {poll.id}")
    assert refused.text.startswith("只有老师或家委可以使用 /poll close")
    for command in (f"/poll status {poll.id}", f"/poll close {poll.id}"):
        [refused] = await rep.private(command)
        assert refused.text.startswith("只有发起人或老师可以查看或结束这个投票。"), command
    [group_status] = await teacher.group(f"/poll status {poll.id}")
    assert "私聊" in group_status.text or "private" in group_status.text.lower()
    [unknown] = await teacher.private("/poll status 99")
    assert unknown.text.startswith("找不到投票「99」")
    assert (await polls(sessions))[0].closed_at is None and len(message.buttons) == 3


async def test_closing_by_command_removes_the_buttons_and_posts_the_result_with_its_chart(dialog, sessions, clock):
    teacher, rep, parents = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    _, message = await ask(rep, worker, QUESTION)
    [poll] = await polls(sessions)
    await parents["小明"].press(message, "公园")
    await parents["小刚"].press(message, "公园")
    await rep.press(message, "图书馆")
    [closed] = await rep.private(f"/poll close {poll.id}")
    assert closed.text == f"🏁 投票 #{poll.id} 已结束，结果已发到班级群。"
    clock.advance(minutes=1)
    sent = await worker.run()
    assert message in sent and message.buttons == () and "投票已结束" in message.text
    [result] = [m for m in sent if m is not message]
    assert result.chat.chat_id == GROUP_ID
    assert "🏁 投票结果" in result.text and "公园　████████ 2（67%）" in result.text and "共 3 人投票" in result.text
    [chart] = result.reply.media
    assert chart.kind == "photo" and chart.data.startswith(b"\x89PNG")
    assert popup(await press_as_sent(parents["小红"], message, "公园")) == "这个投票已经结束了。"
    [again] = await teacher.private(f"/poll close {poll.id}")
    assert again.text.startswith(f"投票 #{poll.id} 已经结束了。")


async def test_a_poll_closes_by_itself_at_its_until(dialog, sessions, clock):
    _, rep, parents = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    set_local(clock, TODAY, "09:00")
    _, message = await ask(rep, worker, QUESTION + " anon until=18:00")
    await parents["小明"].press(message, "博物馆")
    set_local(clock, TODAY, "17:59")
    assert [m for m in await worker.run() if m is not message] == []
    set_local(clock, TODAY, "18:00")
    assert popup(await parents["小刚"].press(message, "公园")) == "这个投票已经结束了。"
    sent = await worker.run()
    [result] = [m for m in sent if m is not message]
    assert "博物馆　████████ 1（100%）" in result.text and result.reply.media[0].data.startswith(b"\x89PNG")
    assert message.buttons == ()
    assert [m for m in await worker.run() if m.reply.media] == []  # once
    [poll] = await polls(sessions)
    assert poll.closed_at is not None
