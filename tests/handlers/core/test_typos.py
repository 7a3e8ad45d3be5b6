"""A command typed almost right gets one line naming ours; other unknown commands in a group stay silent."""
from handlers.core.typos import closest, distance
from support.dialog import GROUP_ID
from support.habit_class import class_with_families

OURS = ("checkin", "makeup", "progress", "plan", "help", "start")


async def test_a_typo_of_a_command_in_the_group_gets_a_did_you_mean(dialog):
    _, _, parents = await class_with_families(dialog)
    [reply] = await parents["小明"].group("/chekin")
    assert reply.chat.chat_id == GROUP_ID and reply.text == "没有 /chekin 这个命令，你是想用 /checkin 吗？"
    [private] = await parents["小明"].private("/progres")
    assert "你是想用 /progress 吗？" in private.text


async def test_other_unknown_commands_in_a_group_stay_silent(dialog):
    _, _, parents = await class_with_families(dialog)
    assert await parents["小明"].group("/weather") == []
    assert await parents["小明"].group("/chekin@OtherBot") == []  # another bot's, even when close to ours
    [reply] = await parents["小明"].private("/weather")
    assert "没有 /weather 这个命令" in reply.text


def test_closeness_is_two_edits_at_most():
    assert distance("chekin", "checkin") == 1 and distance("chcekin", "checkin") == 1
    assert closest("chekin", OURS) == "checkin" and closest("makup", OURS) == "makeup"
    assert closest("weather", OURS) is None and closest("checkin", OURS) is None
    assert closest("ab", OURS) is None  # two letters are no typo of anything
