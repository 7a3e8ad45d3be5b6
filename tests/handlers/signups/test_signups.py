"""/signup: posting a list, taking and releasing places in a family's name, full slots, the names in the group,
closing, and bad input that writes nothing."""
import asyncio

from sqlalchemy import func, select

from handlers.core.messages import ButtonPress
from handlers.signups.tally import slot_rows
from models import ClassGroup
from models.signups import SignupEntry, SignupList
from support.dialog import GROUP_ID
from support.signup_class import DUTY, SignupWorker, lists, places_by_child, popup, post, signup_class


async def test_a_rep_posts_a_list_with_a_button_per_slot(dialog, sessions, clock):
    _, rep, _ = await signup_class(dialog)
    answers, message = await post(rep, SignupWorker(dialog, sessions, clock))
    assert answers == []  # in the group the list itself is the answer
    [signup] = await lists(sessions)
    assert message.chat.chat_id == GROUP_ID
    assert message.text.startswith(f"📝 <b>护学岗</b>（接龙 #{signup.id}）\n1. 周一护学岗（0/2）\n2. 周二护学岗（0/1）")
    assert [row[0].text for row in message.buttons] == ["周一护学岗 0/2", "周二护学岗 0/1"]


async def test_a_teacher_posts_privately_and_hears_where_it_went(dialog, sessions, clock):
    teacher, _, _ = await signup_class(dialog)
    answers, message = await post(teacher, SignupWorker(dialog, sessions, clock), private=True)
    [signup] = await lists(sessions)
    assert answers[0].text == f"✅ 接龙 #{signup.id} 已发到班级群。结束报名：/signup close {signup.id}"
    assert message.chat.chat_id == GROUP_ID and "周一护学岗" in message.text


async def test_taps_take_places_a_full_slot_refuses_and_a_second_tap_releases(dialog, sessions, clock):
    teacher, rep, parents = await signup_class(dialog)
    worker = SignupWorker(dialog, sessions, clock)
    _, message = await post(rep, worker)
    ming, gang, li = parents["小明"], parents["小刚"], parents["小丽"]
    assert popup(await ming.press(message, "周一护学岗")) == "✅ 已报名：周一护学岗（1/2）"
    assert popup(await gang.press(message, "周一护学岗")) == "✅ 已报名：周一护学岗（2/2）"
    assert popup(await li.press(message, "周一护学岗")) == "「周一护学岗」的 2 个名额已经满了，请选别的岗位。"
    assert popup(await li.press(message, "周二护学岗")) == "✅ 已报名：周二护学岗（1/1）"
    [edited] = await worker.run()  # many taps, one edit
    assert edited is message
    assert "1. 周一护学岗（2/2）：小明、小刚 · 已满" in message.text
    assert "2. 周二护学岗（1/1）：小丽 · 已满" in message.text
    assert "妈妈" not in message.text  # the family's name as the roster shows it, not the parent's
    assert [row[0].text for row in message.buttons] == ["周一护学岗 已满 2/2", "周二护学岗 已满 1/1"]
    assert popup(await ming.press(message, "周一护学岗")) == "↩️ 已取消报名：周一护学岗（1/2）"
    assert popup(await li.press(message, "周一护学岗")) == "✅ 已报名：周一护学岗（2/2）"
    clock.advance(minutes=1)  # the group's edit limit
    await worker.run()
    assert "1. 周一护学岗（2/2）：小刚、小丽 · 已满" in message.text
    assert [name for _, name in await places_by_child(sessions)] == ["小刚", "小丽", "小丽"]


async def test_a_family_holds_one_place_whichever_guardian_taps(dialog, sessions, clock):
    teacher, rep, parents = await signup_class(dialog)
    async with sessions() as session:
        code = await session.scalar(select(ClassGroup.join_code))
    dad = dialog.person("小明爸爸")
    await dad.private(f"/join {code} 小明 爸爸")
    [approval] = [m for m in parents["小明"].inbox if m.buttons]
    await parents["小明"].press(approval, "同意")
    worker = SignupWorker(dialog, sessions, clock)
    _, message = await post(rep, worker)
    assert popup(await parents["小明"].press(message, "周一护学岗")) == "✅ 已报名：周一护学岗（1/2）"
    # Dad's tap finds his family's place: it is released, not taken twice.
    assert popup(await dad.press(message, "周一护学岗")) == "↩️ 已取消报名：周一护学岗（0/2）"
    assert popup(await dad.press(message, "周一护学岗")) == "✅ 已报名：周一护学岗（1/2）"
    await worker.run()
    assert "1. 周一护学岗（1/2）：小明\n" in message.text
    [signup] = await lists(sessions)
    assert await places_by_child(sessions) == [(signup.id, "小明")]


async def test_a_teacher_without_a_child_signs_up_in_their_own_name(dialog, sessions, clock):
    teacher, rep, _ = await signup_class(dialog)
    worker = SignupWorker(dialog, sessions, clock)
    _, message = await post(rep, worker)
    assert popup(await teacher.press(message, "周二护学岗")) == "✅ 已报名：周二护学岗（1/1）"
    await worker.run()
    assert "2. 周二护学岗（1/1）：王老师 · 已满" in message.text


async def test_the_last_place_goes_to_one_of_two_families_pressing_at_once(dialog, sessions, clock):
    _, rep, parents = await signup_class(dialog)
    worker = SignupWorker(dialog, sessions, clock)
    _, message = await post(rep, worker)
    before = len(dialog.messenger.transcript)
    await asyncio.gather(parents["小明"].press(message, "周二护学岗"), parents["小刚"].press(message, "周二护学岗"))
    answers = [sent.text for sent in dialog.messenger.transcript[before:] if sent.reply.popup]
    assert sorted(answers) == [
        "✅ 已报名：周二护学岗（1/1）", "「周二护学岗」的 1 个名额已经满了，请选别的岗位。"]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(SignupEntry)) == 1


async def test_closing_takes_the_buttons_away_and_keeps_the_list(dialog, sessions, clock):
    teacher, rep, parents = await signup_class(dialog)
    worker = SignupWorker(dialog, sessions, clock)
    _, message = await post(rep, worker)
    await parents["小明"].press(message, "周一护学岗")
    [signup] = await lists(sessions)
    [refused] = await parents["小刚"].group(f"/signup close {signup.id}")
    assert refused.text.startswith("只有老师或家委可以使用 /signup close")
    [done] = await rep.private(f"/signup close {signup.id}")
    assert done.text == f"🏁 接龙 #{signup.id}「护学岗」已结束：按钮已收起，名单留在群里。"
    await worker.run()
    assert not message.buttons
    assert "1. 周一护学岗（1/2）：小明" in message.text and "接龙已结束，感谢各位家长！" in message.text
    late = ButtonPress("signup-take", (str(signup.id), "0"))  # a chat that has not seen the edit yet
    answers = await parents["小刚"].send(message.chat, button=late, message_id=message.message_id)
    assert popup(answers) == "这个接龙已经结束了。"
    [again] = await teacher.private(f"/signup close {signup.id}")
    assert again.text.startswith(f"接龙 #{signup.id} 已经结束了。")


async def test_only_the_creator_or_a_teacher_closes_a_list(dialog, sessions, clock):
    teacher, rep, parents = await signup_class(dialog)
    worker = SignupWorker(dialog, sessions, clock)
    await post(teacher, worker)
    [signup] = await lists(sessions)
    [refused] = await rep.private(f"/signup close {signup.id}")
    assert refused.text.startswith("只有发起人或老师可以结束这个接龙。")
    [missing] = await teacher.private("/signup close 99")
    assert missing.text.startswith("找不到接龙「99」。")
    async with sessions() as session:
        assert (await session.get(SignupList, signup.id)).closed_at is None


async def test_bad_input_is_answered_and_writes_nothing(dialog, sessions, clock):
    teacher, _, _ = await signup_class(dialog)
    for command, says in (("/signup", "请写上标题和岗位"), ('/signup "护学岗"', "至少一个岗位"),
                          ('/signup "护学岗" 周一护学岗 x0', "人数要在 1 到 50 之间"),
                          ('/signup "护学岗" 周一护学岗 xabc', "要写成 x 加数字"),
                          ('/signup "护学岗" 周一护学岗 x', "要写成 x 加数字"),
                          ('/signup "护学岗" 周一护学岗', "没写人数"),
                          ('/signup "护学岗" 周一护学岗 x3 | 周一护学岗 x2', "「周一护学岗」写了两次"),
                          ('/signup "护学岗" 周一护学岗 x3 | | 周二 x1', "空的"),
                          ('/signup "护学岗" 周一护学岗 x51', "1 到 50"),
                          ('/signup "护学岗" 周一 x1 at=8:00', "不认识的选项 at="),
                          ('/signup "护学岗" ' + "岗" * 31 + " x1", "最多 30 个字")):
        [reply] = await teacher.private(command)
        assert says in reply.text and "用法" in reply.text, (command, reply.text)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(SignupList)) == 0


async def test_parents_cannot_post_lists_and_outsiders_cannot_sign_up(dialog, sessions, clock):
    _, rep, parents = await signup_class(dialog)
    [refused] = await parents["小明"].group(DUTY)
    assert refused.text.startswith("只有老师或家委可以使用 /signup new")
    [refused] = await parents["小明"].private(DUTY)
    assert refused.text.startswith("只有老师或家委可以使用 /signup new")
    assert await lists(sessions) == []
    _, message = await post(rep, SignupWorker(dialog, sessions, clock))
    stranger = dialog.person("路人")
    assert popup(await stranger.press(message, "周一护学岗")) == "这个接龙是班级成员的：请先加入班级。"
    assert await places_by_child(sessions) == []


async def test_forgetme_keeps_a_familys_place_and_drops_one_taken_in_a_members_own_name(dialog, sessions, clock):
    teacher, rep, parents = await signup_class(dialog)
    worker = SignupWorker(dialog, sessions, clock)
    _, message = await post(rep, worker)
    await teacher.press(message, "周二护学岗")
    await parents["小明"].press(message, "周一护学岗")
    await teacher.private("/role @hongmum teacher")  # so the first teacher is not the last one
    for member in (teacher, parents["小明"]):
        [question] = await member.private("/forgetme")
        await member.press(question, "删除")
    async with sessions() as session:
        entries = (await session.scalars(select(SignupEntry))).all()
    assert [(entry.family.startswith("s"), entry.person_id) for entry in entries] == [(True, None)]
    async with sessions() as session:
        [signup] = (await session.scalars(select(SignupList))).all()
        rows = await slot_rows(session, signup)
    assert [row.names for row in rows] == [["小明"], []]  # the family's place, in the child's name
