"""Waiting for a person's next message (PRODUCT.md §2 rule 8): typed, short, ended by /cancel or a command,
and what the person writes is data, never options."""
from datetime import timedelta

from sqlalchemy import func, select

from models import Student, Wait
from schedules.tick import clean_up
from support.classes import join_approved, set_up_class
from support.habit_class import START, checkins, class_with_families, set_local


async def count(sessions, model) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_a_hello_31_minutes_after_a_join_link_is_not_taken_for_a_childs_name(dialog, sessions, clock):
    teacher, code = await set_up_class(dialog)
    mum = dialog.person("张妈妈")
    [ask] = await mum.private(f"/start join-{code}")
    assert "请回复孩子的姓名" in ask.text
    clock.advance(minutes=31)
    [reply] = await mum.private("你好")
    assert "没看懂" in reply.text
    assert await count(sessions, Student) == 0
    assert [m for m in teacher.inbox if "确认" in m.text] == []  # nobody asked the teacher to approve "你好"


async def test_within_30_minutes_the_next_message_is_the_childs_name(dialog, sessions, clock):
    _, code = await set_up_class(dialog)
    mum = dialog.person("张妈妈")
    await mum.private(f"/start join-{code}")
    clock.advance(minutes=29)
    [reply] = await mum.private("小明 妈妈")
    assert "小明" in reply.text
    async with sessions() as session:
        assert (await session.scalar(select(Student))).name == "小明"
    assert await count(sessions, Wait) == 0


async def test_a_note_that_looks_like_an_option_is_a_note_not_another_child(dialog, sessions, clock):
    teacher, code, parents = await class_with_families(dialog, children=("小明", "小红"))
    await teacher.group('/plan new "每天阅读" evidence=text')
    set_local(clock, START, "19:00")
    mum = parents["小明"]
    await join_approved(mum, code, "小红", "妈妈", parents["小红"])  # a parent of both children
    [ask] = await mum.private("/checkin child=小明")
    assert "小明" in ask.text
    [done] = await mum.private("读完了 child=小红")
    assert done.text.startswith("✅ 小明")
    [row] = await checkins(sessions)
    async with sessions() as session:
        child = await session.get(Student, row.student_id)
    assert (child.name, row.note) == ("小明", "读完了 child=小红")


async def test_cancel_ends_the_wait_and_says_so(dialog, sessions, clock):
    _, code = await set_up_class(dialog)
    mum = dialog.person("张妈妈")
    await mum.private(f"/start join-{code}")
    [cancelled] = await mum.private("/cancel")
    assert "已取消" in cancelled.text
    [reply] = await mum.private("小明")
    assert "没看懂" in reply.text and await count(sessions, Student) == 0
    [nothing] = await mum.private("/cancel")
    assert "没有需要取消" in nothing.text


async def test_another_command_ends_the_wait(dialog, sessions, clock):
    _, code = await set_up_class(dialog)
    mum = dialog.person("张妈妈")
    await mum.private(f"/start join-{code}")
    [help_text] = await mum.private("/help")
    assert "/help" in help_text.text or "帮助" in help_text.text
    [reply] = await mum.private("小明")
    assert "没看懂" in reply.text and await count(sessions, Student) == 0


async def test_something_else_than_what_is_awaited_is_answered_with_what_the_bot_waits_for(dialog, sessions, clock):
    teacher, _ = await set_up_class(dialog)
    await teacher.private("/roster import")
    [reply] = await teacher.private("小明")
    assert "CSV 或 XLSX" in reply.text and "/cancel" in reply.text
    assert await count(sessions, Wait) == 1  # still waiting for the file


async def test_the_daily_clean_up_removes_expired_waits_only(dialog, sessions, clock):
    _, code = await set_up_class(dialog)
    await dialog.person("早来的").private(f"/start join-{code}")
    clock.advance(minutes=20)
    await dialog.person("晚来的").private(f"/start join-{code}")
    await clean_up(sessions, clock.now() + timedelta(minutes=15), keep_days=30)
    async with sessions() as session:
        left = (await session.scalars(select(Wait))).all()
    assert len(left) == 1 and left[0].created_at == clock.now()


async def test_a_button_of_an_ended_wait_never_answers_a_later_one(dialog, sessions, clock):
    teacher, code, parents = await class_with_families(dialog, children=("小明", "小红"))
    await teacher.group('/plan new "每天阅读"')
    set_local(clock, START, "19:00")
    mum = parents["小明"]
    await join_approved(mum, code, "小红", "妈妈", parents["小红"])
    [first] = await mum.private("/checkin")
    await mum.private("/cancel")
    [second] = await mum.private("/checkin")
    assert first.buttons[0][0].args != second.buttons[0][0].args  # a new wait, a new id
    [stale] = await mum.press(first, "小明")
    assert "过期" in stale.text or "失效" in stale.text or "stale" in stale.text.lower()
    assert await checkins(sessions) == []
