"""/setup, /start join-<code>, /join and the teacher's approval."""
from sqlalchemy import func, select

from models import ClassGroup, Guardianship, Membership, Role, Student, StudentStatus
from support.classes import set_up_class


async def count(sessions, model, *where):
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def test_setup_makes_the_group_a_class_and_answers_with_a_join_link(dialog, sessions):
    teacher = dialog.person("王老师", admin_of=("-1001",))
    [reply] = await teacher.group("/setup 三年级二班 tz=Asia/Shanghai")
    assert "三年级二班" in reply.text
    async with sessions() as session:
        class_group = await session.scalar(select(ClassGroup))
        assert class_group.name == "三年级二班"
        assert len(class_group.join_code) == 6
        assert f"https://t.me/ClassBridgeBot?start=join-{class_group.join_code}" in reply.text
        membership = await session.scalar(select(Membership))
        assert membership.role == Role.teacher


async def test_setup_twice_changes_nothing(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    [reply] = await teacher.group("/setup 另一个名字")
    assert "已经是班级" in reply.text
    async with sessions() as session:
        assert (await session.scalar(select(ClassGroup))).name == "三年级二班"
    assert await count(sessions, ClassGroup) == 1


async def test_setup_by_a_non_admin_is_refused_and_writes_nothing(dialog, sessions):
    stranger = dialog.person("路人")
    [reply] = await stranger.group("/setup 三年级二班")
    assert "群管理员" in reply.text
    assert await count(sessions, ClassGroup) == 0
    assert await count(sessions, Membership) == 0


async def test_setup_with_a_bad_time_zone_explains_and_writes_nothing(dialog, sessions):
    teacher = dialog.person("王老师", admin_of=("-1001",), language="en")
    [reply] = await teacher.group("/setup Class 3B tz=Mars/Olympus")
    assert "Mars/Olympus" in reply.text and "Usage:" in reply.text
    assert await count(sessions, ClassGroup) == 0


async def test_setup_in_private_is_refused(dialog):
    teacher = dialog.person("王老师")
    [reply] = await teacher.private("/setup 三年级二班")
    assert "班级群" in reply.text


async def test_join_link_then_child_name_links_to_the_roster_child(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("小明妈妈")
    [ask] = await mum.private(f"/start join-{code}")
    assert "孩子的姓名" in ask.text
    [done] = await mum.private("小明 妈妈")
    assert "已加入" in done.text and "小明" in done.text
    async with sessions() as session:
        link = await session.scalar(select(Guardianship))
        assert link.relation == "妈妈"
    assert await count(sessions, Student) == 1


async def test_unknown_join_code_is_refused_and_writes_nothing(dialog, sessions):
    await set_up_class(dialog)
    mum = dialog.person("小明妈妈")
    [reply] = await mum.private("/join ZZZZZZ 小明")
    assert "ZZZZZZ" in reply.text and "无效" in reply.text
    assert await count(sessions, Membership) == 1  # only the teacher
    assert await count(sessions, Student) == 0


async def test_a_child_name_of_200_characters_is_refused(dialog, sessions):
    _, code = await set_up_class(dialog)
    mum = dialog.person("家长")
    [reply] = await mum.private(f"/join {code} {'明' * 200}")
    assert "太长" in reply.text
    assert await count(sessions, Student) == 0
    assert await count(sessions, Membership) == 1


async def test_unknown_child_waits_for_the_teacher_who_approves(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/start")  # the teacher has started the bot, so can be asked privately
    dad = dialog.person("小红爸爸")
    replies = await dad.private(f"/join {code} 小红 爸爸")
    mine = [r for r in replies if r.chat == dad.chat]
    assert "老师确认" in mine[0].text
    [request] = [r for r in replies if r.chat == teacher.chat]
    assert "小红" in request.text and "小红爸爸" in request.text
    replies = await teacher.press(request, "同意")
    assert "已同意" in request.text  # the request message was edited in place
    assert any(r.chat == dad.chat and "已加入" in r.text for r in replies)
    async with sessions() as session:
        assert (await session.scalar(select(Student))).status == StudentStatus.active


async def test_rejected_child_is_removed_with_the_parent_membership(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/start")
    dad = dialog.person("小红爸爸")
    replies = await dad.private(f"/join {code} 小红")
    [request] = [r for r in replies if r.chat == teacher.chat]
    await teacher.press(request, "拒绝")
    assert any("没有通过" in m.text for m in dad.inbox)
    assert await count(sessions, Student) == 0
    assert await count(sessions, Membership) == 1


async def test_second_guardian_links_to_the_same_child_once_the_first_approves(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("妈妈")
    await mum.private(f"/join {code} 小明 妈妈")
    dad = dialog.person("爸爸")
    replies = await dad.private(f"/join {code} 小明 爸爸")
    [request] = [r for r in replies if r.chat == mum.chat]
    await mum.press(request, "同意")
    assert "已加入" in dad.inbox[-1].text
    assert await count(sessions, Student) == 1
    assert await count(sessions, Guardianship) == 2


async def test_a_parent_of_two_children_links_both(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明 小亮")
    mum = dialog.person("妈妈")
    await mum.private(f"/join {code} 小明")
    await mum.private(f"/join {code} 小亮")
    assert await count(sessions, Guardianship) == 2
    assert await count(sessions, Membership, Membership.role == Role.parent) == 1


async def test_a_redelivered_update_is_applied_once_and_answered_once(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("妈妈")
    first = await mum.private(f"/join {code} 小明")
    assert len(first) == 1
    again = await mum.redeliver()
    assert again == []
    assert await count(sessions, Guardianship) == 1
