"""Weekly highlights over four weeks for a class of six: recording with and without photos (an album of
12), edits and deletes, the Friday digest with albums of 10 + 2, a skipped week, an early publish, an
empty week, the coverage check, private copies only to each child's guardians, and the ❤️."""
from datetime import date, timedelta

from sqlalchemy import func, select

from models.highlights import Highlight, HighlightPhoto
from support.dialog import GROUP_ID
from support.habit_class import set_local
from support.highlight_class import Digests, highlight_class, send_photos

WEEK1 = date(2026, 11, 24)  # the clock fixture's Tuesday; its digest is Friday 11/27 16:00


def days(n: int) -> date:
    return WEEK1 + timedelta(days=n)


async def count(sessions, model) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_four_weeks_of_highlights_for_a_class_of_six(dialog, sessions, clock):
    teacher, _, parents = await highlight_class(dialog)
    digests = Digests(dialog, sessions, clock)
    set_local(clock, WEEK1, "09:00")

    # Week 1: an album of 12 photos with the command as the first one's caption, one the bot answers.
    answers = await send_photos(teacher, "/highlight 小明 主动帮助同学整理图书，责任感强", 12, album="a1")
    assert "已记下" in answers[0][0].text and "📷1" in answers[0][0].text
    assert all(answer == [] for answer in answers[1:])
    [plain] = await teacher.private("/highlight 小红 朗读比赛声音洪亮")
    assert "小红" in plain.text and "📷" not in plain.text
    [gone] = await teacher.private("/highlight 小刚 上课积极发言")
    gone_id = gone.text.split("#")[1].split()[0]
    [deleted] = await teacher.private(f"/highlight delete {gone_id}")
    assert "已删除" in deleted.text
    red_id = plain.text.split("#")[1].split()[0]
    [edited] = await teacher.private(f"/highlight edit {red_id} 朗读比赛得了一等奖")
    assert "一等奖" in edited.text
    [listed] = await teacher.private("/highlight list")
    assert "小明" in listed.text and "📷12" in listed.text and "一等奖" in listed.text and "小刚" not in listed.text
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(HighlightPhoto)) == 12

    set_local(clock, days(3), "16:00")
    sent = await digests.run()
    group = [m for m in sent if m.chat.chat_id == GROUP_ID]
    assert group[0].text.startswith("🌟 本周闪光点 (11/23–11/27)")
    assert "小明：主动帮助同学整理图书" in group[0].text and "小红：朗读比赛得了一等奖" in group[0].text
    assert "小刚" not in group[0].text
    assert [len(m.reply.media) for m in group[1:]] == [10, 2]
    mum = parents["小明"]
    copies = mum.inbox
    assert copies[-2].text.startswith("🌟 小明 的本周闪光点") and len(copies[-2].reply.media) == 10
    assert len(copies[-1].reply.media) == 2
    assert "小红" not in " ".join(m.text for m in copies)
    assert "一等奖" in parents["小红"].inbox[-1].text
    for child in ("小刚", "小丽", "小华", "小军"):
        assert not any("闪光点" in m.text for m in parents[child].inbox), child
    assert await digests.run() == []  # posted once

    [popup] = await mum.press(copies[-2], "❤️")
    assert "转达" in popup.text
    [again] = await mum.press(copies[-2], "❤️")
    assert "已经谢过" in again.text
    await digests.run()
    await parents["小红"].press(parents["小红"].inbox[-1], "❤️")
    await digests.run()
    [thanks] = [m for m in teacher.inbox if m.text.startswith("❤️ 家长的感谢")]
    assert "小明妈妈（小明）" in thanks.text and "小红妈妈（小红）" in thanks.text  # one message, two lines

    # Week 2: recorded, then skipped: nothing is posted.
    set_local(clock, days(7), "09:00")
    await teacher.private("/highlight 小丽 午餐不挑食")
    [skipped] = await teacher.private("/highlights skip")
    assert "不发布" in skipped.text
    set_local(clock, days(10), "16:00")
    assert [m for m in await digests.run() if m.chat.chat_id == GROUP_ID] == []

    # Week 3: published on Wednesday; Friday posts nothing more.
    set_local(clock, days(15), "10:00")
    await teacher.private("/highlight 小华 运动会跳绳第一名")
    [published] = await teacher.private("/highlights publish")
    assert "已发布" in published.text
    early = [m for m in await digests.run() if m.chat.chat_id == GROUP_ID]
    assert len(early) == 1 and "小华：运动会跳绳第一名" in early[0].text and "(12/7–12/11)" in early[0].text
    set_local(clock, days(17), "16:00")
    assert [m for m in await digests.run() if m.chat.chat_id == GROUP_ID] == []

    # Week 4: nothing recorded, nothing posted; the coverage check names who was not seen in 3 weeks.
    set_local(clock, days(21), "09:00")
    [preview, check] = await teacher.private("/highlights")
    assert "还没有闪光点" in preview.text and "1 个感谢" not in preview.text
    unseen_part = check.text.split("已有")[0]
    for child in ("小刚", "小丽", "小军"):
        assert f"{child} — 从未" in unseen_part
    for child in ("小明", "小红"):
        assert f"{child} — 上次 11月24日" in unseen_part
    assert "小华" not in unseen_part and "小华（1）" in check.text
    labels = [button.text for (button,) in check.buttons]  # never seen first, then the longest unseen
    assert set(labels[:3]) == {"➕ 小刚", "➕ 小丽", "➕ 小军"} and set(labels[3:]) == {"➕ 小明", "➕ 小红"}
    [ask] = await teacher.press(check, "小军")
    assert "小军" in ask.text
    [done] = await teacher.private("帮助老师分发作业本 数学=满分")
    assert "小军：帮助老师分发作业本 数学=满分" in done.text
    set_local(clock, days(24), "16:00")
    [last] = [m for m in await digests.run() if m.chat.chat_id == GROUP_ID]
    assert "小军：帮助老师分发作业本" in last.text


async def test_a_name_that_matches_several_or_none_gets_buttons_or_a_clear_answer(dialog, sessions, clock):
    teacher, _, _ = await highlight_class(dialog)
    set_local(clock, WEEK1, "09:00")
    [ask] = await teacher.private("/highlight 小 认真值日")
    assert {button.text for (button,) in ask.buttons} == {"小明", "小红", "小刚", "小丽", "小华", "小军"}
    [done] = await teacher.press(ask, "小丽")
    assert "小丽：认真值日" in done.text
    [none] = await teacher.private("/highlight 张三丰 认真值日")
    assert "没有叫「张三丰」" in none.text and "用法" in none.text
    [empty] = await teacher.private("/highlight 小明")
    assert "请写上 小明 的闪光点" in empty.text
    [bad] = await teacher.private("/highlight edit 999 新的")
    assert "找不到闪光点" in bad.text
    assert await count(sessions, Highlight) == 1


async def test_parents_and_reps_cannot_record_edit_publish_or_preview(dialog, sessions, clock):
    teacher, _, parents = await highlight_class(dialog)
    set_local(clock, WEEK1, "09:00")
    [made] = await teacher.private("/highlight 小明 认真值日")
    highlight_id = made.text.split("#")[1].split()[0]
    rep = parents["小红"]
    rep.username = "hongmum"
    await rep.private("/help")
    await teacher.private("/role @hongmum rep")
    for member in (parents["小明"], rep):
        for command in ("/highlight 小明 很棒", f"/highlight edit {highlight_id} 改了",
                        f"/highlight delete {highlight_id}", "/highlight list", "/highlights",
                        "/highlights publish", "/highlights skip"):
            [reply] = await member.private(command)
            assert "只有" in reply.text or "teacher" in reply.text or "老师" in reply.text, (command, reply.text)
        [group_reply] = await member.group("/highlight 小明 很棒")
        assert "老师" in group_reply.text or "teacher" in group_reply.text
    async with sessions() as session:
        [row] = (await session.scalars(select(Highlight))).all()
        assert row.text == "认真值日"
    assert [m for m in dialog.messenger.in_chat(GROUP_ID) if "闪光点" in m.text] == []


async def test_skipping_again_and_again_skips_the_weeks_after_one_by_one(dialog, sessions, clock):
    teacher = dialog.person("王老师", username="wang", admin_of=("-1001",))
    await teacher.group("/setup 三年级二班")
    answers = [(await teacher.private("/highlights skip"))[0].text for _ in range(3)]
    assert len(set(answers)) == 3  # three different weeks, each named in its answer
    assert all("不发布" in answer for answer in answers)
