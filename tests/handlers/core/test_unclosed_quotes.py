"""A command with a quote left open is a mistake to answer, in private and in the group, never a crash."""
import logging

from sqlalchemy import func, select

from models.habits import HabitPlan
from support.habit_class import class_with_families


async def test_an_unclosed_quote_is_answered_with_the_usage_and_writes_nothing(dialog, sessions, caplog):
    teacher, _, _ = await class_with_families(dialog)
    caplog.set_level(logging.ERROR)
    [reply] = await teacher.private("/plan new “每天阅读 days=21")
    assert reply.text.startswith("引号没有闭合。") and "用法" in reply.text
    [reply] = await teacher.group("/role 小明妈妈 “rep")
    assert reply.text == "引号没有闭合。"  # in the group one short line, without the usage
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(HabitPlan)) == 0
    assert not [record for record in caplog.records if record.exc_info]
