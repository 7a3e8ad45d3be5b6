"""/role, /settings, /lang, /leave, /forgetme, /help and choosing a class."""
from sqlalchemy import func, select

from models import (
    AuditEntry,
    ClassGroup,
    Guardianship,
    Identity,
    Membership,
    Person,
    Role,
    Student,
)
from support.classes import set_up_class


async def rows(sessions, model, *where):
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def joined_parent(dialog, code, child="小明", name="妈妈", username=None):
    parent = dialog.person(name, username=username)
    await parent.private(f"/join {code} {child}")
    return parent


async def test_teacher_makes_a_parent_a_rep_by_username(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    await joined_parent(dialog, code, username="lily")
    [reply] = await teacher.group("/role @lily rep")
    assert "家委" in reply.text
    assert await rows(sessions, Membership, Membership.role == Role.rep) == 1


async def test_a_parent_cannot_change_roles(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = await joined_parent(dialog, code, username="lily")
    [reply] = await mum.group("/role @lily teacher")
    assert "只有老师" in reply.text
    assert await rows(sessions, Membership, Membership.role == Role.teacher) == 1


async def test_the_last_teacher_cannot_step_down(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.group("/role @wang parent")
    assert "唯一的老师" in reply.text
    assert await rows(sessions, Membership, Membership.role == Role.teacher) == 1


async def test_role_with_unknown_member_or_role_explains(dialog):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.group("/role @nobody rep")
    assert "没有找到" in reply.text and "用法" not in reply.text  # the group gets the short answer
    [reply] = await teacher.private("/role @nobody rep")
    assert "没有找到" in reply.text and "用法" in reply.text
    [reply] = await teacher.group("/role @wang boss")
    assert "boss" in reply.text


async def test_settings_show_and_change(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.group("/settings")
    assert "21:30–07:00" in reply.text and "周五 16:00" in reply.text
    [reply] = await teacher.group("/settings quiet=22:00-06:30 digest=sat 09:00 tz=Europe/London")
    assert "22:00–06:30" in reply.text and "周六 09:00" in reply.text and "Europe/London" in reply.text
    async with sessions() as session:
        class_group = await session.scalar(select(ClassGroup))
        assert class_group.timezone == "Europe/London" and class_group.digest_weekday == 5
    assert await rows(sessions, AuditEntry, AuditEntry.action == "settings") == 1


async def test_settings_bad_input_changes_nothing(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    [reply] = await teacher.group("/settings quiet=late tz=Asia/Tokyo")
    assert "免打扰" in reply.text
    [reply] = await teacher.group("/settings colour=red")
    assert "colour" in reply.text
    async with sessions() as session:
        assert (await session.scalar(select(ClassGroup))).timezone == "Asia/Shanghai"
    await teacher.private("/roster add 小明")
    mum = await joined_parent(dialog, code)
    [reply] = await mum.group("/settings tz=Asia/Tokyo")
    assert "只有老师" in reply.text


async def test_lang_switches_the_person_to_english(dialog):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.private("/lang en")
    assert "English" in reply.text
    [reply] = await teacher.private("/roster remove Nobody")
    assert "not on the roster" in reply.text
    [reply] = await teacher.private("/lang fr")
    assert "fr" in reply.text


async def test_leave_unlinks_the_parent_from_that_class_only(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = await joined_parent(dialog, code)
    [question] = await mum.private("/leave")
    [reply] = await mum.press(question, "确定退出")
    assert "已退出" in reply.text
    assert await rows(sessions, Guardianship) == 0
    assert await rows(sessions, Membership, Membership.role == Role.parent) == 0
    assert await rows(sessions, Student) == 1  # the child stays on the roster
    [reply] = await teacher.private("/leave")
    assert "只有家长" in reply.text


async def test_a_teacher_of_two_classes_is_asked_which_one(dialog, sessions):
    teacher = dialog.person("王老师", admin_of=("-1001", "-1002"))
    await teacher.group("/setup 一班", chat_id="-1001")
    await teacher.group("/setup 二班", chat_id="-1002")
    [question] = await teacher.private("/roster add 小明")
    assert "哪个班级" in question.text
    await teacher.press(question, "二班")
    async with sessions() as session:
        student = await session.scalar(select(Student))
        class_group = await session.get(ClassGroup, student.class_id)
        assert class_group.name == "二班"


async def test_forgetme_asks_first_and_then_leaves_no_row_naming_the_person(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("李秀英", username="lixiuying")
    await mum.private(f"/join {code} 小明 妈妈")
    await mum.private(f"/join {code} 小新")  # a child waiting for approval, known only through her
    [question] = await mum.private("/forgetme")
    [cancelled] = await mum.press(question, "取消")
    assert "什么都没有删除" in cancelled.text
    assert await rows(sessions, Person, Person.display_name == "李秀英") == 1
    [question] = await mum.private("/forgetme")
    [done] = await mum.press(question, "确定删除")
    assert "已全部删除" in done.text
    assert await rows(sessions, Person, Person.display_name == "李秀英") == 0
    assert await rows(sessions, Identity, Identity.username == "lixiuying") == 0
    assert await rows(sessions, Guardianship) == 0
    assert await rows(sessions, Membership) == 1  # the teacher's
    assert await rows(sessions, Student, Student.name == "小新") == 0
    assert await rows(sessions, Student, Student.name == "小明") == 1


async def test_help_depends_on_role_and_chat(dialog):
    teacher, code = await set_up_class(dialog)
    [reply] = await teacher.group("/help")
    assert "/roster" in reply.text and "私聊" in reply.text
    stranger = dialog.person("路人", language="en")
    [reply] = await stranger.private("/help")
    assert "/join" in reply.text and "/roster" not in reply.text
    [reply] = await stranger.private("帮助")
    assert "/join" in reply.text
    [reply] = await stranger.private("/frobnicate")
    assert "/frobnicate" in reply.text


async def test_help_names_every_feature_a_role_uses(dialog):
    teacher, code = await set_up_class(dialog)
    [reply] = await teacher.private("/help")
    for command in ("/hw new", "/review", "/highlight", "/highlights", "/poll", "/survey new", "/signup", "/notice",
                    "/event", "/report week"):
        assert command in reply.text, command
    parent = dialog.person("小明妈妈")
    await parent.private(f"/join {code} 小明")
    [reply] = await parent.private("/help")
    assert "/submit" in reply.text and "/cancel" in reply.text and "/hw new" not in reply.text


async def test_a_group_that_is_not_a_class_says_how_to_start(dialog):
    someone = dialog.person("家长")
    [reply] = await someone.group("/settings")
    assert "/setup" in reply.text
