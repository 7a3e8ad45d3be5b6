"""Flood limits on the injected clock, and injected faults; no test here waits for real time to pass."""
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.sandbox.faults import Faults
from bot.sandbox.limits import Limits, RateLimiter, TooManyRequests
from support.sandbox_helpers import Clock, png

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def seconds(error: RetryAfter) -> float:
    retry = error.retry_after
    return retry.total_seconds() if hasattr(retry, "total_seconds") else float(retry)


async def test_the_21st_message_into_a_group_within_a_minute_waits(sandbox):
    world, bot, clock = sandbox.world, sandbox.bot, sandbox.clock
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    for n in range(20):
        await bot.send_message(group, f"push {n}")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(group, "one too many")
    assert seconds(refused.value) == 60
    clock.advance(30)
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(group, "still too many")
    assert seconds(refused.value) == 30
    clock.advance(30)
    await bot.send_message(group, "on time")
    assert world.stats.too_many_requests == 2
    assert world.stats.calls["sendMessage"] == 23
    assert len(world.stats.accepted[group]) == len(world.messages(group)) == 21
    assert world.stats.most_in_window(group, 60) == 20


async def test_an_album_needs_room_for_every_item(sandbox):
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    for n in range(19):
        await sandbox.bot.send_message(group, f"push {n}")
    with pytest.raises(RetryAfter):
        await sandbox.bot.send_media_group(group, [InputMediaPhoto(png()), InputMediaPhoto(png())])
    assert len(sandbox.world.messages(group)) == 19


async def test_a_private_chat_allows_a_burst_of_three_then_one_a_second(sandbox):
    world, bot, clock = sandbox.world, sandbox.bot, sandbox.clock
    (ana,) = sandbox.people("Ana")
    world.user_sends_text(ana, ana, "/start")
    for n in range(3):
        await bot.send_message(ana, f"reply {n}")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(ana, "fourth")
    assert seconds(refused.value) == 1
    clock.advance(1)
    await bot.send_message(ana, "fourth, later")
    with pytest.raises(RetryAfter):
        await bot.send_message(ana, "fifth")
    clock.advance(1)
    album = await bot.send_media_group(ana, [InputMediaPhoto(png()) for _ in range(10)])
    assert len(album) == 10  # an album costs one token in a private chat


async def test_thirty_messages_a_second_overall(sandbox):
    world, bot, clock = sandbox.world, sandbox.bot, sandbox.clock
    (ana,) = sandbox.people("Ana")
    groups = [sandbox.group(ana, title=f"Class {n}") for n in range(31)]
    for group in groups[:30]:
        await bot.send_message(group, "notice")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(groups[30], "notice")
    assert seconds(refused.value) == 1
    clock.advance(1)
    await bot.send_message(groups[30], "notice")
    assert world.stats.total_accepted() == 31


async def test_group_edits_have_their_own_window_and_leave_the_send_budget_alone(sandbox):
    bot, clock = sandbox.bot, sandbox.clock
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    sent = await bot.send_message(group, "Tally 0")
    for n in range(1, 21):
        await bot.edit_message_text(f"Tally {n}", chat_id=group, message_id=sent.message_id)
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("Tally 21", chat_id=group, message_id=sent.message_id)
    for n in range(19):
        await bot.send_message(group, f"push {n}")
    clock.advance(60)
    await bot.edit_message_text("Tally 21", chat_id=group, message_id=sent.message_id)
    assert len(sandbox.world.stats.edits[group]) == 21


async def test_limits_can_be_changed_or_turned_off(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    world.limits = Limits(group_per_minute=2)
    await bot.send_message(group, "1")
    await bot.send_message(group, "2")
    with pytest.raises(RetryAfter):
        await bot.send_message(group, "3")
    world.limits = Limits(enabled=False)
    for n in range(40):
        await bot.send_message(group, f"flood {n}")


def test_a_sliding_window_frees_room_as_the_oldest_messages_age():
    clock = Clock(0)
    limiter = RateLimiter(Limits(), clock)
    for _ in range(20):
        limiter.check_send(-1, True)
        limiter.record_send(-1, True)
        clock.advance(1)
    with pytest.raises(TooManyRequests) as refused:
        limiter.check_send(-1, True)
    assert refused.value.retry_after == 40  # the first message leaves the window at t=60; now t=20
    clock.advance(40)
    limiter.check_send(-1, True)


async def test_injected_bad_gateway_changes_nothing(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    world.faults = Faults(error_5xx_rate=1.0)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(group, "hello")
    assert world.messages(group) == [] and world.stats.faults["5xx"] == 1
    assert (await bot.get_me()).is_bot  # only sending methods are affected by default


async def test_an_injected_timeout_stores_nothing(sandbox):
    world = sandbox.world
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    impatient = sandbox.new_bot(read_timeout=0.1)
    async with impatient:
        world.faults = Faults(timeout_rate=1.0, timeout_seconds=0.4)
        with pytest.raises(TimedOut):
            await impatient.send_message(group, "hello")
    assert world.messages(group) == [] and world.stats.faults["timeout"] == 1


async def test_an_injected_flood_wait_lasts_until_the_clock_passes_it(sandbox):
    world, bot, clock = sandbox.world, sandbox.bot, sandbox.clock
    (ana,) = sandbox.people("Ana")
    group, other = sandbox.group(ana), sandbox.group(ana, title="Other")
    world.faults = Faults(burst_429_rate=1.0, burst_retry_after=5)
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(group, "hello")
    assert seconds(refused.value) == 5
    world.faults.burst_429_rate = 0.0
    clock.advance(2)
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(group, "hello")
    assert seconds(refused.value) == 3
    await bot.send_message(other, "other chats are not held up")
    clock.advance(3)
    await bot.send_message(group, "hello")
    assert world.stats.too_many_requests == 2


def test_faults_replay_the_same_way_for_the_same_seed():
    def run(seed):
        faults = Faults(error_5xx_rate=0.2, timeout_rate=0.1, burst_429_rate=0.1, seed=seed)
        return [faults.draw("sendMessage", n % 3, float(n)) for n in range(200)]

    assert run(7) == run(7) != run(8)
    kinds = {draw[0] for draw in run(7) if draw}
    assert kinds == {"5xx", "timeout", "429"}
    assert Faults(error_5xx_rate=1.0).draw("getUpdates", None, 0.0) is None


async def test_answers_to_button_presses_are_not_limited(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ok")]])
    sent = await bot.send_message(group, "press", reply_markup=markup)
    for _ in range(25):
        world.user_presses_button(group, sent.message_id, ana, "ok")
    for update in await bot.get_updates():
        assert await bot.answer_callback_query(update.callback_query.id)
