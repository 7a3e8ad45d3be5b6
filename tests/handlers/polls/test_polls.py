"""/poll: asking, voting by button (single, multi), changing and withdrawing, the live tally, bad input."""
from datetime import date

from sqlalchemy import func, select

from models.polls import Poll
from support.dialog import GROUP_ID
from support.habit_class import person_id_of, set_local
from support.poll_class import PollWorker, ask, poll_class, polls, popup, votes

TODAY = date(2026, 11, 24)  # the clock fixture's Tuesday
QUESTION = '/poll "周五亲子活动去哪里？" 公园 | 博物馆 | 图书馆'


async def test_a_rep_asks_in_the_group_and_the_poll_has_a_button_per_option(dialog, sessions, clock):
    _, rep, _ = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    answers, message = await ask(rep, worker, QUESTION + " until=18:00")
    assert answers == []  # in the group the poll itself is the answer
    [poll] = await polls(sessions)
    assert message.text.startswith(f"📊 <b>周五亲子活动去哪里？</b>（#{poll.id}）")
    assert "0 人已投 · 11月24日 18:00 截止" in message.text
    assert [row[0].text for row in message.buttons] == ["公园", "博物馆", "图书馆"]
    assert (poll.multi, poll.anonymous, poll.options) == (False, False, ["公园", "博物馆", "图书馆"])


async def test_a_teacher_asks_privately_and_hears_where_it_went(dialog, sessions, clock):
    teacher, _, _ = await poll_class(dialog)
    answers, message = await ask(teacher, PollWorker(dialog, sessions, clock), QUESTION, private=True)
    [poll] = await polls(sessions)
    assert answers[0].text == f"✅ 投票 #{poll.id} 已发到班级群。查看未投票的人：/poll status {poll.id}"
    assert message.chat.chat_id == GROUP_ID and "周五亲子活动去哪里" in message.text


async def test_a_tap_votes_another_changes_the_same_again_withdraws_and_the_tally_follows(dialog, sessions, clock):
    _, rep, parents = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    _, message = await ask(rep, worker, QUESTION)
    mum, gang = parents["小明"], parents["小刚"]
    assert popup(await mum.press(message, "公园")) == "✅ 已投：公园"
    assert popup(await mum.press(message, "博物馆")) == "🔄 已改投：博物馆"
    assert popup(await gang.press(message, "博物馆")) == "✅ 已投：博物馆"
    assert popup(await rep.press(message, "公园")) == "✅ 已投：公园"
    [edited] = await worker.run()  # many votes, one edit
    assert edited is message
    assert "公园　████ 1（33%）" in message.text and "博物馆　████████ 2（67%）" in message.text
    assert "3 人已投" in message.text and "妈妈" not in message.text  # counts in the group, never names
    assert popup(await mum.press(message, "博物馆")) == "↩️ 已撤回你的投票。"
    clock.advance(minutes=1)  # the group's edit limit
    await worker.run()
    assert "博物馆　████████ 1（50%）" in message.text and "2 人已投" in message.text
    mum_id = await person_id_of(sessions, mum)
    assert [v.person_id for v in await votes(sessions)].count(mum_id) == 0
    assert len(message.buttons) == 3  # still open


async def test_a_multi_poll_toggles_each_option(dialog, sessions, clock):
    _, rep, parents = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    _, message = await ask(rep, worker, '/poll "想参加哪些活动？" 亲子阅读 | 家长开放日 | 线上家长会 multi')
    assert "可多选" in message.text
    mum = parents["小明"]
    assert popup(await mum.press(message, "亲子阅读")) == "✅ 已选：亲子阅读"
    assert popup(await mum.press(message, "线上家长会")) == "✅ 已选：亲子阅读、线上家长会"
    assert popup(await mum.press(message, "亲子阅读")) == "✅ 已选：线上家长会"
    await parents["小刚"].press(message, "线上家长会")
    clock.advance(minutes=1)
    await worker.run()
    assert "线上家长会　████████ 2（100%）" in message.text and "2 人已投" in message.text
    assert popup(await mum.press(message, "线上家长会")) == "↩️ 你现在没有选任何一项。"
    assert sorted(v.option for v in await votes(sessions)) == [2]


async def test_bad_input_is_answered_and_writes_nothing(dialog, sessions, clock):
    teacher, _, _ = await poll_class(dialog)
    set_local(clock, TODAY, "19:00")
    eleven = " | ".join(f"选项{n}" for n in range(11))
    for command, says in (("/poll", "问题"), ('/poll "去哪里？" 公园', "至少要有两个选项"),
                          (f'/poll "去哪里？" {eleven}', "最多 10 个选项"),
                          ('/poll "去哪里？" 公园 | 公园', "写了两次"), ('/poll "去哪里？" 公园 | | 图书馆', "空的"),
                          ('/poll "去哪里？" 公园 | 图书馆 until=18:00', "11月24日 18:00 已经过去了"),
                          ('/poll "去哪里？" 公园 | 图书馆 until=2026-11-01', "已经过去了"),
                          ('/poll "去哪里？" 公园 | 图书馆 until=soon', "不是「soon」"),
                          ('/poll "去哪里？" 公园 | 图书馆 at=18:00', "不认识的选项 at="),
                          ('/poll "去哪里？" ' + "很" * 41 + " | 图书馆", "最多 40 个字")):
        [reply] = await teacher.private(command)
        assert says in reply.text and "用法" in reply.text, (command, reply.text)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Poll)) == 0


async def test_parents_cannot_ask_and_outsiders_cannot_vote(dialog, sessions, clock):
    _, rep, parents = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    [refused] = await parents["小明"].group(QUESTION)
    assert refused.text.startswith("只有老师或家委可以使用 /poll new")
    assert await polls(sessions) == []
    _, message = await ask(rep, worker, QUESTION)
    stranger = dialog.person("路人")
    assert popup(await stranger.press(message, "公园")) == "这个投票是班级成员的：请先加入班级。"
    assert await votes(sessions) == []
