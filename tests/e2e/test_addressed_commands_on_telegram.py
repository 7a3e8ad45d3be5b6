"""`/checkin@otherbot` in a group belongs to that bot; `/checkin@ClassBridgeBot` (the stand-in bot's own
username, learnt from getMe) is ours. Through the real python-telegram-bot against the stand-in."""
from sqlalchemy import func, select

from models.habits import HabitCheckIn
from support.e2e_cast import GROUP, MUM, TEACHER, set_up


async def checkins(live) -> int:
    async with live.runtime.sessions() as session:
        return await session.scalar(select(func.count()).select_from(HabitCheckIn))


async def test_a_command_for_another_bot_is_ignored_and_one_for_ours_runs(live):
    code = await set_up(live)
    await live.reply_to(TEACHER, TEACHER, "/roster add 小明")
    await live.reply_to(MUM, MUM, f"/join {code} 小明 妈妈")
    await live.reply_to(GROUP, TEACHER, '/plan new "21天阅读" start=today')
    # With privacy mode on, Telegram would not even deliver it; a bot that is an admin, or has privacy mode
    # off, sees every message, commands for other bots included.
    live.world.privacy_mode = False
    before = len(live.bot_messages(GROUP))
    other = live.world.user_sends_text(GROUP, MUM, "/checkin@OtherBot")
    ours = live.world.user_sends_text(GROUP, MUM, "/checkin@ClassBridgeBot")
    # Updates are handled one after another, each answered before the next: once Mum's private /help is
    # answered, both group commands have had their turn.
    await live.reply_to(MUM, MUM, "/help")
    entries = live.world.chat(GROUP).entries
    assert await live.until(lambda: entries[ours["message_id"]].reactions) == [{"type": "emoji", "emoji": "👍"}]
    assert entries[other["message_id"]].reactions == []
    assert live.bot_messages(GROUP)[before:] == []
    assert await checkins(live) == 1
