"""/help: every role the person holds in the class, in the group and privately."""
from support.habit_class import class_with_families


async def test_a_rep_who_is_also_a_guardian_sees_the_rep_and_the_parent_commands(dialog):
    teacher, _, parents = await class_with_families(dialog)
    await teacher.group("/role 小明妈妈 rep")
    mum = parents["小明"]
    for reply in (await mum.group("/help"), await mum.private("/help")):
        [text] = [m.text for m in reply]
        assert "<b>家委</b>" in text and "<b>家长</b>" in text and "/checkin" in text
        assert "<b>老师</b>" not in text


async def test_a_parent_sees_only_the_parent_commands(dialog):
    _, _, parents = await class_with_families(dialog)
    [reply] = await parents["小红"].private("/help")
    assert "<b>家长</b>" in reply.text and "<b>家委</b>" not in reply.text
