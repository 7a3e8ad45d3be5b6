"""Voting on the Official Account, which has no buttons: `投票 2` on the class's latest open poll,
`投票 #id 1` on a named one, and a clear answer for a number that is no option; the WeCom group robot's copy
of a poll says how to vote from WeChat."""
from sqlalchemy import select

from bot.outbox_worker import OutboxWorker
from bot.wechat.robot import RobotMessenger
from models.polls import Poll, PollVote
from support.poll_class import PollWorker, poll_class
from support.wechat_seeds import class_with_teacher
from support.wechat_users import WeChatUser


async def test_a_parent_votes_by_writing_the_options_number(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher")
    teacher = WeChatUser(side.client, side.clock, "oTeacher")
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    assert mum.passive_text(await mum.send("加入 ABC234 小明 妈妈")).startswith("✅")
    first = teacher.passive_text(await teacher.send('/poll "周五去哪里？" 公园 | 博物馆 | 图书馆'))
    second = teacher.passive_text(await teacher.send('/poll "带什么？" 水 | 伞 | 零食 multi'))
    assert first.startswith("✅ 投票 #1") and second.startswith("✅ 投票 #2")

    assert mum.passive_text(await mum.send("投票 1 3")) == "✅ 已选：水、零食"  # the latest poll
    assert mum.passive_text(await mum.send("投票 #1 2")) == "✅ 已投：博物馆"
    assert mum.passive_text(await mum.send("投票 #1 3")) == "🔄 已改投：图书馆"
    assert mum.passive_text(await mum.send("投票 #1 1 2")).startswith("这个投票只能选一项。")
    assert mum.passive_text(await mum.send("投票 7")).startswith("这个投票只有 1 到 3 号选项。")
    async with sessions() as session:
        polls = {poll.question: poll.id for poll in (await session.scalars(select(Poll))).all()}
        votes = sorted((vote.poll_id, vote.option) for vote in (await session.scalars(select(PollVote))).all())
    assert votes == [(polls["周五去哪里？"], 2), (polls["带什么？"], 0), (polls["带什么？"], 2)]


async def test_the_robot_gets_the_poll_as_markdown_with_how_to_vote_on_wechat(dialog, sessions, clock, wechat_api):
    teacher, rep, _ = await poll_class(dialog)
    key = "poll-robot-0001"
    await teacher.private(f"/settings wecom_robot={wechat_api.base_url}cgi-bin/webhook/send?key={key}")
    await rep.group('/poll "周五去哪里？" 公园 | 博物馆 multi')
    await PollWorker(dialog, sessions, clock).run()
    await OutboxWorker(sessions, {"wecom_robot": RobotMessenger(sessions)}, clock).run_once()
    [post] = wechat_api.robot_posts(key)
    assert post["markdown"]["content"] == (
        "📊 **周五去哪里？**（#1 · 可多选）\n公园　 0（0%）\n博物馆　 0（0%）\n"
        "在公众号回复「投票 1」投第1项（其余依次类推），可多选：投票 1 3；再发别的号改投。")
