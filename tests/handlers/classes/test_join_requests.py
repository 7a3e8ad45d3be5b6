"""Requests that wait for a tap: a child not on the roster, a further guardian of a child, and how names are
separated when parents type them on a Chinese keyboard."""
from sqlalchemy import func, select

from handlers.core.messages import ButtonPress
from models import Guardianship, GuardianStatus, Membership, Student, StudentStatus
from support.classes import set_up_class


async def count(sessions, model, *where):
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def children(sessions) -> dict[str, StudentStatus]:
    async with sessions() as session:
        return {s.name: s.status for s in (await session.scalars(select(Student))).all()}


def buttons_of(message) -> list[str]:
    return [button.text for row in message.buttons for button in row]


# Item 1: approval requests wait for a teacher who has not opened the private chat.

async def test_a_request_made_before_the_teacher_opened_the_private_chat_arrives_when_they_do(dialog, sessions):
    teacher, code = await set_up_class(dialog)  # set up in the group: no private chat yet
    dad = dialog.person("小红爸爸")
    replies = await dad.private(f"/join {code} 小红 爸爸")
    assert [r.chat for r in replies] == [dad.chat]  # the teacher cannot be written to yet
    replies = await teacher.private("/start teacher")
    [request] = [r for r in replies if "申请" in r.text]
    assert "小红" in request.text and "小红爸爸" in request.text
    assert buttons_of(request) == ["✅ 同意", "✖️ 拒绝"]
    await teacher.press(request, "同意")
    assert "已加入" in dad.inbox[-1].text and "小红" in dad.inbox[-1].text
    assert await children(sessions) == {"小红": StudentStatus.active}


async def test_the_setup_answer_has_a_button_that_opens_the_private_chat(dialog):
    teacher = dialog.person("王老师", admin_of=("-1001",))
    [answer] = await teacher.group("/setup 三年级二班")
    urls = {button.text: button.url for row in answer.buttons for button in row}
    assert urls["私聊我"] == "https://t.me/ClassBridgeBot?start=teacher"
    assert "加入班级" in urls


async def test_roster_shows_waiting_requests_with_approve_and_reject(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    dad = dialog.person("小红爸爸")
    await dad.private(f"/join {code} 小红")
    listing, request = await teacher.private("/roster")
    assert "待确认 1 名" in listing.text
    assert "小红" in request.text and buttons_of(request) == ["✅ 同意", "✖️ 拒绝"]
    await teacher.press(request, "拒绝")
    assert "没有通过" in dad.inbox[-1].text
    assert await count(sessions, Student) == 0


async def test_a_parent_cannot_press_a_childs_approve_button(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("小明妈妈")
    await mum.private(f"/join {code} 小明")
    dad = dialog.person("小红爸爸")
    await dad.private(f"/join {code} 小红")
    _, request = await teacher.private("/roster")
    [refusal] = await mum.send(mum.chat, button=request_press(request, "同意"), message_id="1")
    assert "只有老师" in refusal.text
    assert (await children(sessions))["小红"] == StudentStatus.pending


def request_press(message, label):
    [button] = [b for row in message.buttons for b in row if label in b.text]
    return ButtonPress(button.action, button.args)


# Item 2: approving by /roster add tells the parent.

async def test_approving_a_waiting_child_by_roster_add_tells_the_parent(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/start")
    dad = dialog.person("小红爸爸")
    await dad.private(f"/join {code} 小红")
    replies = await teacher.private("/roster add 小红")
    [told] = [r for r in replies if r.chat == dad.chat]
    assert "已加入" in told.text and "小红" in told.text
    assert await children(sessions) == {"小红": StudentStatus.active}


# Item 3: full-width separators.

async def test_a_full_width_comma_separates_the_child_from_the_relation(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 陈果果")
    grandma = dialog.person("奶奶")
    await grandma.private(f"/start join-{code}")
    [done] = await grandma.private("陈果果，奶奶")
    assert "已加入" in done.text
    async with sessions() as session:
        link = await session.scalar(select(Guardianship))
        assert link.relation == "奶奶"
    assert await children(sessions) == {"陈果果": StudentStatus.active}


async def test_roster_add_separates_names_by_commas_and_enumeration_commas(dialog, sessions):
    teacher, _ = await set_up_class(dialog)
    [reply] = await teacher.private("/roster add 王小红，李华，周杰")
    assert "已添加 3 名" in reply.text
    [reply] = await teacher.private("/roster add 孙悟空、猪八戒,沙僧")
    assert "已添加 3 名" in reply.text
    assert set(await children(sessions)) == {"王小红", "李华", "周杰", "孙悟空", "猪八戒", "沙僧"}


async def test_join_with_words_after_the_relation_explains_and_writes_nothing(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 陈果果")
    grandma = dialog.person("外婆")
    [reply] = await grandma.private(f"/join {code} 陈果果 外婆 额外 字")
    assert "陈果果 外婆" in reply.text and "额外 字" in reply.text and "用法" in reply.text
    assert await count(sessions, Guardianship) == 0
    assert await count(sessions, Membership) == 1  # the teacher's only


# Item 4: a further guardian needs a tap.

async def test_a_further_guardian_waits_and_the_existing_guardian_is_told_and_approves(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    mum = dialog.person("小明妈妈")
    [joined] = await mum.private(f"/join {code} 小明 妈妈")
    assert "已加入" in joined.text  # the first guardian of a rostered child links at once
    stranger = dialog.person("陌生人")
    replies = await stranger.private(f"/join {code} 小明 爸爸")
    [mine] = [r for r in replies if r.chat == stranger.chat]
    assert "已经有家长" in mine.text and "已加入" not in mine.text
    [request] = [r for r in replies if r.chat == mum.chat]
    assert "陌生人" in request.text and buttons_of(request) == ["✅ 同意", "✖️ 拒绝"]
    assert await count(sessions, Guardianship, Guardianship.status == GuardianStatus.active) == 1
    [edited, told] = await mum.press(request, "同意")
    assert "已同意" in edited.text
    assert told.chat == stranger.chat and "已加入" in told.text
    assert await count(sessions, Guardianship, Guardianship.status == GuardianStatus.active) == 2


async def test_a_waiting_guardian_sees_no_calendar_and_a_teacher_rejects_from_the_roster(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    await teacher.private('/plan new "每天阅读"')
    mum = dialog.person("小明妈妈")
    await mum.private(f"/join {code} 小明 妈妈")
    stranger = dialog.person("陌生人")
    await stranger.private(f"/join {code} 小明")
    [refused] = await stranger.private("/checkin")
    assert "小明" not in refused.text and "✅" not in refused.text
    listing, request = await teacher.private("/roster")
    assert "陌生人" not in listing.text  # not listed as a guardian
    assert "陌生人" in request.text
    await teacher.press(request, "拒绝")
    assert "没有通过" in stranger.inbox[-1].text
    assert await count(sessions, Guardianship) == 1
    assert await count(sessions, Membership) == 2  # the teacher and mum: the stranger's membership went


async def test_asking_again_while_waiting_says_it_is_still_waiting(dialog, sessions):
    teacher, code = await set_up_class(dialog)
    await teacher.private("/roster add 小明")
    await dialog.person("小明妈妈").private(f"/join {code} 小明")
    dad = dialog.person("爸爸")
    await dad.private(f"/join {code} 小明")
    [again] = await dad.private(f"/join {code} 小明")
    assert "还在等待确认" in again.text
    assert await count(sessions, Guardianship) == 2
