"""A command addressed to a bot by name (`/checkin@somebot`): in a group, only our own name is ours."""
from support.habit_class import START, class_with_families, count_checkins, set_local


async def a_running_plan(dialog, clock):
    teacher, _, parents = await class_with_families(dialog)
    await teacher.group('/plan new "每天阅读"')
    set_local(clock, START, "19:00")
    return parents["小明"]


async def test_a_group_command_for_another_bot_is_neither_recorded_nor_answered(dialog, sessions, clock):
    mum = await a_running_plan(dialog, clock)
    assert await mum.group("/checkin@OtherBot") == []
    assert mum.reactions == []
    assert await mum.group("/help@otherbot") == []
    assert await count_checkins(sessions) == 0


async def test_a_group_command_for_our_bot_runs_whatever_the_case_of_its_name(dialog, sessions, clock):
    mum = await a_running_plan(dialog, clock)
    assert await mum.group("/checkin@classbridgebot") == []
    assert mum.reactions == ["👍"]
    assert await count_checkins(sessions) == 1
