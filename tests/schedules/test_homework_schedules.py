"""The homework providers run as the scheduler runs them, delivered into the dialog: each class day's card, the
group's count and its edits, the nudge to missing families, and the teacher's summary."""
from datetime import UTC, date, datetime, time

from sqlalchemy import select

from models.homework import HomeworkCard
from support.dialog import GROUP_ID
from support.habit_class import make_unreachable, set_local
from support.homework_class import (
    HomeworkScheduler,
    homework_class,
    occurrences,
    outbox_rows,
    send,
    set_quiet_hours,
)

TUESDAY = date(2026, 11, 24)


async def weekday_card(dialog, sessions, clock, until="2026-12-04"):
    teacher, _, parents = await homework_class(dialog)
    set_local(clock, TUESDAY, "08:00")
    await teacher.group(f'/hw new 口算 "每日10分钟口算打卡" due=20:00 repeat=weekdays until={until} grading=score')
    scheduler = HomeworkScheduler(dialog, sessions, clock)
    [card] = await scheduler.run()
    return teacher, parents, card, scheduler


def group_posts(messages):
    return [m for m in messages if m.chat.chat_id == GROUP_ID]


async def test_a_weekday_card_opens_each_class_day_skips_the_weekend_and_stops_at_until(dialog, sessions, clock):
    _, _, card, scheduler = await weekday_card(dialog, sessions, clock, until="2026-11-30")
    assert "11月24日" in card.text
    set_local(clock, date(2026, 11, 25), "06:59")
    assert group_posts(await scheduler.run()) == []
    set_local(clock, date(2026, 11, 25), "07:00")
    [wednesday] = group_posts(await scheduler.run())
    assert "📚 <b>口算</b> · 11月25日" in wednesday.text and "已交 0/4" in wednesday.text
    assert wednesday.buttons[0][0].url.endswith(f"?start=hw-{(await occurrences(sessions))[-1].id}")
    assert group_posts(await scheduler.run()) == []  # once
    set_local(clock, date(2026, 11, 28), "07:00")  # down from Wednesday evening to Saturday morning
    assert [m.text.split("\n")[0] for m in group_posts(await scheduler.run())] == []
    assert [o.day for o in await occurrences(sessions)] == [TUESDAY, date(2026, 11, 25)]  # Thu, Fri were due
    async with sessions() as session:
        assert (await session.scalar(select(HomeworkCard))).next_open_at == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
    set_local(clock, date(2026, 11, 30), "07:00")
    [monday] = group_posts(await scheduler.run())
    assert "11月30日" in monday.text
    async with sessions() as session:
        assert (await session.scalar(select(HomeworkCard))).next_open_at is None  # until= was Monday


async def test_the_group_gets_the_count_two_hours_before_due_and_submissions_edit_it(dialog, sessions, clock):
    _, parents, card, scheduler = await weekday_card(dialog, sessions, clock)
    await send(parents["小明"], "/submit", kinds=("photo",))
    set_local(clock, TUESDAY, "17:59")
    assert await scheduler.run() == [card]  # the card's own count was edited; no group count yet
    set_local(clock, TUESDAY, "18:00")
    [count] = await scheduler.run()
    assert count.chat.chat_id == GROUP_ID and count.text == "📚 口算打卡 已交 1/4"
    assert [o.count_posted_at for o in await occurrences(sessions)] == [clock.now()]
    await send(parents["小红"], "/submit 做完了", kinds=())
    set_local(clock, TUESDAY, "18:05")
    edited = await scheduler.run()
    set_local(clock, TUESDAY, "18:05:05")  # the group's edits are spaced (one per 3 s)
    edited += await scheduler.run()
    assert set(map(id, edited)) == {id(card), id(count)}
    assert count.text == "📚 口算打卡 已交 2/4" and "已交 2/4" in card.text
    assert not [m for m in dialog.messenger.in_chat(GROUP_ID) if "小红" in m.text or "小明" in m.text]


async def test_one_hour_before_due_only_reachable_missing_families_are_nudged_once(dialog, sessions, clock):
    teacher, parents, _, scheduler = await weekday_card(dialog, sessions, clock)
    await send(parents["小明"], "/submit", kinds=("photo",))
    await make_unreachable(sessions, parents["小刚"])
    set_local(clock, TUESDAY, "19:00")
    nudged = [m for m in await scheduler.run() if m.chat.is_private]
    assert {m.chat.chat_id: m.text for m in nudged} == {
        parents["小红"].external_id: "⏰ 小红 的口算作业还没交，20:00 截止。发 /submit 就能提交。",
        parents["小丽"].external_id: "⏰ 小丽 的口算作业还没交，20:00 截止。发 /submit 就能提交。",
    }
    set_local(clock, TUESDAY, "19:10")
    assert [m for m in await scheduler.run() if m.chat.is_private] == []
    assert all(m.chat != teacher.chat for m in nudged)


async def test_the_teachers_reminder_spares_the_families_a_second_nudge(dialog, sessions, clock):
    teacher, parents, _, scheduler = await weekday_card(dialog, sessions, clock)
    set_local(clock, TUESDAY, "12:00")
    [status] = await teacher.private("/hw status")
    await teacher.press(status, "提醒")
    set_local(clock, TUESDAY, "19:00")
    assert [m for m in await scheduler.run() if not m.chat.chat_id == GROUP_ID] == []


async def test_no_nudge_in_quiet_hours_the_outbox_would_hold_it_past_the_due_time(dialog, sessions, clock):
    _, parents, _, scheduler = await weekday_card(dialog, sessions, clock)
    await set_quiet_hours(sessions, time(18, 30), time(7, 0))
    set_local(clock, TUESDAY, "18:00")
    [count] = await scheduler.run()
    assert count.text == "📚 口算打卡 已交 0/4"
    set_local(clock, TUESDAY, "19:00")
    assert await scheduler.run() == []
    assert await outbox_rows(sessions, "homework_nudge") == []  # nothing queued for the morning either
    set_local(clock, date(2026, 11, 25), "07:30")
    assert [m for m in await scheduler.run() if m.chat.chat_id in {p.external_id for p in parents.values()}] == []


async def test_after_an_outage_a_stale_count_and_nudge_are_skipped_and_the_summary_goes_out(dialog, sessions, clock):
    teacher, parents, _, scheduler = await weekday_card(dialog, sessions, clock)
    await send(parents["小明"], "/submit", kinds=("photo",))
    set_local(clock, TUESDAY, "20:30")  # the bot was down from 17:00
    [summary] = [m for m in await scheduler.run() if m.chat.is_private]
    assert summary.chat == teacher.chat
    assert summary.text == "📋 口算 11月24日 已截止：已交 1/4（迟交 0）\n未交：小丽、小刚、小红\n发 /review 批改。"
    assert await outbox_rows(sessions, "homework_count") == []
    assert await outbox_rows(sessions, "homework_nudge") == []
    set_local(clock, TUESDAY, "21:00")
    assert await scheduler.run() == []  # once
