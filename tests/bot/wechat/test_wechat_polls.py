"""Voting on the Official Account, which has no buttons: `投票 2` on the class's latest open poll,
`投票 #id 1` on a named one, and a clear answer for a number that is no option."""
from sqlalchemy import select

from models.polls import Poll, PollVote
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
    assert votes == [(polls["周五去哪里?"], 2), (polls["带什么?"], 0), (polls["带什么?"], 2)]
