"""Signing up on the Official Account, which has no buttons: `接龙 1` takes slot 1 of the class's latest open
list, `接龙 <id> 1` another list's, the same again releases it, and `接龙` alone offers the slots as numbers.
The class's WeCom group robot gets the list as markdown, saying how to sign up from WeChat."""
from sqlalchemy import select

from bot.outbox_worker import OutboxWorker
from bot.wechat.robot import RobotMessenger
from models import Student
from models.signups import SignupEntry, SignupList
from support.signup_class import SignupWorker, signup_class
from support.wechat_seeds import class_with_teacher
from support.wechat_users import WeChatUser


async def test_a_parent_signs_up_by_writing_the_slots_number(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", children=("小明", "小红"))
    teacher = WeChatUser(side.client, side.clock, "oTeacher")
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    hong = WeChatUser(side.client, side.clock, "oHong001")
    assert mum.passive_text(await mum.send("加入 ABC234 小明 妈妈")).startswith("✅")
    assert hong.passive_text(await hong.send("加入 ABC234 小红 妈妈")).startswith("✅")
    first = teacher.passive_text(await teacher.send('/signup "护学岗" 周一护学岗 x1 | 周二护学岗 x2'))
    second = teacher.passive_text(await teacher.send('/signup "运动会" 搬器材 x2'))
    assert first.startswith("✅ 接龙 #1") and second.startswith("✅ 接龙 #2")

    assert mum.passive_text(await mum.send("接龙 1")) == "✅ 已报名：搬器材（1/2）"  # the latest list
    assert mum.passive_text(await mum.send("接龙 1 1")) == "✅ 已报名：周一护学岗（1/1）"
    assert hong.passive_text(await hong.send("接龙 1 1")).startswith("「周一护学岗」的 1 个名额已经满了")
    assert mum.passive_text(await mum.send("接龙 1 1")) == "↩️ 已取消报名：周一护学岗（0/1）"
    assert hong.passive_text(await hong.send("接龙 1 3")).startswith("这个接龙只有 1 到 2 号岗位。")
    assert hong.passive_text(await hong.send("接龙 周一")).startswith("请写上岗位号")

    offered = hong.passive_text(await hong.send("接龙 #1"))  # a list's number alone: its slots, numbered
    assert "1. 周一护学岗（0/1）" in offered and "回复" in offered
    assert hong.passive_text(await hong.send("2")) == "✅ 已报名：周二护学岗（1/2）"
    async with sessions() as session:
        places = (await session.execute(select(SignupList.title, Student.name)
                                        .join(SignupEntry, SignupEntry.list_id == SignupList.id)
                                        .join(Student, Student.id == SignupEntry.student_id)
                                        .order_by(SignupEntry.id))).all()
    assert places == [("运动会", "小明"), ("护学岗", "小红")]


async def test_the_robot_gets_the_list_as_markdown_with_how_to_sign_up(dialog, sessions, clock, wechat_api):
    teacher, rep, parents = await signup_class(dialog)
    key = "signup-robot-0001"
    await teacher.private(f"/settings wecom_robot={wechat_api.base_url}cgi-bin/webhook/send?key={key}")
    await rep.group('/signup "护学岗" 周一护学岗 x2 | 周二护学岗 x1')
    await SignupWorker(dialog, sessions, clock).run()
    await OutboxWorker(sessions, {"wecom_robot": RobotMessenger(sessions)}, clock).run_once()
    [post] = wechat_api.robot_posts(key)
    assert post == {"msgtype": "markdown", "markdown": {"content": (
        "📝 **护学岗**（接龙 #1）\n1. 周一护学岗（0/2）\n2. 周二护学岗（0/1）\n"
        "在公众号回复「接龙 1」报名第1个岗位（其余依次类推），再发一次取消。")}}
