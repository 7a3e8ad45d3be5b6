"""/forgetme and /leave: what they refuse, what they erase, and what the person hears afterwards."""
import pytest
from sqlalchemy import delete, func, select, text

from models import ClassGroup, HeldPhoto, Membership, Role
from models.habits import HabitPlan
from support.classes import set_up_class


async def count(sessions, model, *where):
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def forget(member):
    [question] = await member.private("/forgetme")
    return await member.press(question, "确定删除")


# Item 5: the last teacher, and a class left without one.

async def test_the_last_teacher_cannot_forget_themself_until_another_teacher_is_named(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    [refused] = await teacher.private("/forgetme")
    assert "唯一的老师" in refused.text and "三年级二班" in refused.text and not refused.buttons
    assert await count(sessions, Membership, Membership.role == Role.teacher) == 1
    await teacher.private("/roster add 小明")
    colleague = dialog.person("李老师", username="li")
    await colleague.private(f"/join {code} 小明")
    await teacher.group("/role @li teacher")
    [done] = await forget(teacher)
    assert "已全部删除" in done.text
    assert await count(sessions, Membership, Membership.role == Role.teacher) == 1


async def test_a_group_admin_takes_over_a_class_left_without_a_teacher(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    async with sessions() as session:  # a class erased of its teacher before the refusal existed
        await session.execute(delete(Membership))
        await session.commit()
    dad = dialog.person("小红爸爸")
    await dad.private(f"/join {code} 小红")
    admin = dialog.person("赵主任", admin_of=("-1001",))
    [answer] = await admin.group("/setup 三年级二班")
    assert "现在由你担任老师" in answer.text
    assert [b.text for row in answer.buttons for b in row] == ["私聊我"]
    [_, request] = await admin.private("/start teacher")
    await admin.press(request, "同意")
    assert "已加入" in dad.inbox[-1].text
    assert await count(sessions, ClassGroup) == 1


async def test_setup_by_a_non_admin_in_a_class_without_a_teacher_is_refused(dialog, sessions):
    await set_up_class(dialog)
    async with sessions() as session:
        await session.execute(delete(Membership))
        await session.commit()
    [refused] = await dialog.person("路人").group("/setup 三年级二班")
    assert "群管理员" in refused.text
    assert await count(sessions, Membership) == 0


# Item 6: what /forgetme leaves behind, and /leave.

async def test_forgetme_erases_the_photo_held_for_the_person(dialog, sessions, clock):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("小明妈妈")
    await mum.private(f"/join {code} 小明")
    async with sessions() as session:  # a photo waiting for its "打卡", as the WeChat adapter holds it
        session.add(HeldPhoto(platform="fake", chat_id=mum.external_id, file_id="MEDIA-ID-OF-MUM", held_at=clock.now()))
        session.add(HeldPhoto(platform="fake", chat_id="someone-else", file_id="MEDIA-ID-2", held_at=clock.now()))
        await session.commit()
    await forget(mum)
    async with sessions() as session:
        assert (await session.scalars(select(HeldPhoto.file_id))).all() == ["MEDIA-ID-2"]


async def test_forgetme_erases_the_title_of_a_family_plan_the_parent_wrote(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("小明妈妈")
    await mum.private(f"/join {code} 小明")
    await teacher.private('/plan new "全班阅读"')
    await mum.private('/plan new "小明戒掉咬指甲" for=小明')
    await forget(mum)
    async with sessions() as session:
        titles = set((await session.scalars(select(HabitPlan.title))).all())
    assert "小明戒掉咬指甲" not in titles and "全班阅读" in titles
    assert await count(sessions, HabitPlan) == 2  # the plan stays as the child's record


async def test_progress_after_forgetme_says_the_person_is_in_no_class(dialog):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("小明妈妈")
    await mum.private(f"/join {code} 小明")
    await forget(mum)
    [reply] = await mum.private("/progress")
    assert "还没有加入任何班级" in reply.text


async def test_leave_asks_first_and_cancel_keeps_the_membership(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("小明妈妈")
    await mum.private(f"/join {code} 小明")
    [question] = await mum.private("/leave")
    assert "确定要退出" in question.text
    assert await count(sessions, Membership, Membership.role == Role.parent) == 1
    [cancelled] = await mum.press(question, "取消")
    assert "仍在这个班" in cancelled.text
    assert await count(sessions, Membership, Membership.role == Role.parent) == 1


async def test_the_sqlite_store_overwrites_what_it_deletes(engine, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("a SQLite pragma")
    async with engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA secure_delete"))).scalar() == 1
