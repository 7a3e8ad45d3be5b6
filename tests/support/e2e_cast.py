"""Who is who in the sandbox's starting cast (bot/sandbox/cast.py), and the first step of most stories."""
import re

TEACHER, REP, MUM, DAD, GRANDMA = 1001, 1002, 2101, 2102, 2103
GROUP = -1001000000001


async def set_up(live) -> str:
    """The teacher makes the group a class; returns the join code from the link the bot answers with."""
    answer = await live.reply_to(GROUP, TEACHER, "/setup 三年级二班")
    assert "三年级二班" in answer["text"]
    link = answer["reply_markup"]["inline_keyboard"][0][0]["url"]
    assert re.fullmatch(r"https://t\.me/ClassBridgeBot\?start=join-[A-Z0-9]{6}", link)
    return link.rsplit("join-", 1)[1]
