"""A 21-day reading plan in a class of four, day by day on the class's clock: check-ins by command, button
and choice, a missed day and its make-up, a second guardian, a parent of two, late-night check-ins on
either side of midnight, the daily posts and their counts, nudges, weekly stars, certificates and the
teacher's summary. Each person's transcript is checked for what they should and should not get."""
import io
from datetime import date, timedelta

from openpyxl import load_workbook
from PIL import Image

from support.classes import join_approved, leave
from support.dialog import GROUP_ID
from support.habit_class import (
    START,
    Scheduler,
    class_with_families,
    make_unreachable,
    set_local,
)

MISSED = START + timedelta(days=5)  # 小明's missed day 6, made up on day 8
GANG_DAYS = {*range(0, 3), *range(11, 21)}  # 小刚 checks in on days 1–3 and 12–21, in the group
LIANG_DAYS = range(0, 10)  # 小亮 only for the first ten days


def texts(messages):
    return [m.text for m in messages]


async def test_a_class_walks_a_full_21_day_plan(dialog, sessions, clock):
    teacher, code, parents = await class_with_families(dialog, children=("小明", "小红", "小刚", "小亮"))
    ming_mum, hong_mum, gang_mum = parents["小明"], parents["小红"], parents["小刚"]
    await leave(parents["小亮"])  # 小亮's own parent leaves; 小红妈妈 looks after both
    await hong_mum.private(f"/join {code} 小亮 妈妈")
    dad = dialog.person("小明爸爸")
    await join_approved(dad, code, "小明", "爸爸", ming_mum)
    await make_unreachable(sessions, gang_mum)  # she blocked the bot: the group only
    await teacher.group('/plan new "每天阅读"')
    scheduler = Scheduler(dialog, sessions, clock)
    group_before = len(dialog.messenger.in_chat(GROUP_ID))
    nudged: dict[str, list[date]] = {"ming": [], "dad": [], "hong": [], "gang": []}
    inbox = {"ming": ming_mum, "dad": dad, "hong": hong_mum, "gang": gang_mum}

    for offset in range(21):
        day = START + timedelta(days=offset)
        if day.weekday() == 4:  # Friday: the weekly stars at the digest time
            set_local(clock, day, "16:00")
            stars = await scheduler.run()
            assert [m.chat.chat_id for m in stars] == [GROUP_ID]
            check_stars(day, stars[0].text)

        set_local(clock, day, "20:00")
        [post] = await scheduler.run()
        assert post.chat.chat_id == GROUP_ID
        done_before = 1 if offset == 2 else 0  # 00:01 that morning
        assert post.text == f"📅 每天阅读 第{offset + 1}/21天 · 今日已打卡 {done_before}/4"

        set_local(clock, day, "20:05")
        [question] = await hong_mum.press(post, "✅")
        assert question.text == "要为哪个孩子打卡？" and question.chat.chat_id == GROUP_ID
        [answer] = await hong_mum.press(question, "小红")
        assert answer.text.startswith(f"✅ 小红 第{offset + 1}天打卡成功 · 连续{offset + 1}天")
        if offset in LIANG_DAYS:
            await hong_mum.press(answer, "小亮")
            assert answer.text.startswith("✅ 小亮")
        if offset in GANG_DAYS:
            assert await gang_mum.group("/checkin") == [] and gang_mum.reactions == ["👍"]
            assert dialog.messenger.reactions[-1].fallback.startswith("✅ 小刚")
        if offset not in (1, 2, 5):
            [reply] = await ming_mum.private("/checkin 读了二十分钟")
            assert f"小明 第{offset + 1}天打卡成功" in reply.text
        if offset == 3:  # dad, not knowing mum did it already
            [reply] = await dad.private("/checkin")
            assert reply.text == "小明 今天已经打过卡了，不用再打。"
        if offset == 7:
            [reply] = await ming_mum.private("/makeup 11-30")
            assert reply.text.startswith("🔁 小明 已补卡：11月30日（第6天）")

        set_local(clock, day, "20:10")
        sent = await scheduler.run()
        expected = 1 + (offset in LIANG_DAYS) + (offset in GANG_DAYS) + (offset not in (1, 5))
        assert texts(m for m in sent if m.chat.chat_id == GROUP_ID) == [
            f"📅 每天阅读 第{offset + 1}/21天 · 今日已打卡 {expected}/4"]
        assert all(m.text.startswith("🎉") for m in sent[1:]) and (offset == 20 or len(sent) == 1)

        set_local(clock, day, "21:20")
        for message in await scheduler.run():
            who = next(name for name, member in inbox.items() if message.chat.chat_id == member.external_id)
            nudged[who].append(day)
            assert message.text.startswith(f"🌙 《每天阅读》第{offset + 1}/21天")
        set_local(clock, day, "22:00")
        assert await scheduler.run() == []  # quiet hours: nothing more tonight

        if offset == 1:  # 23:59 is still day 2; 00:01 is day 3
            set_local(clock, day, "23:59")
            [late] = await ming_mum.private("/checkin")
            assert late.text.startswith("✅ 小明 第2天打卡成功")
            assert texts(await scheduler.run()) == ["📅 每天阅读 第2/21天 · 今日已打卡 4/4"]  # edits are silent
            clock.advance(minutes=2)
            [early] = await ming_mum.private("/checkin")
            assert early.text.startswith("✅ 小明 第3天打卡成功 · 连续3天")

    # Nudges went privately to reachable families still to check in, before quiet hours; never to 小刚妈妈.
    assert nudged["ming"] == nudged["dad"] == [START + timedelta(days=1), MISSED]
    assert nudged["hong"] == [START + timedelta(days=d) for d in range(10, 21)]
    assert nudged["gang"] == []
    assert all("小亮" in m.text and "小红" not in m.text for m in hong_mum.inbox if m.text.startswith("🌙"))

    # The calendar marks the make-up; the group never saw a name with a missed day or a nudge.
    [calendar] = await ming_mum.private("/progress")
    assert calendar.text.splitlines()[1] == "11/25✅ 26✅ 27✅ 28✅ 29✅ 30🔁 12/1✅"
    # the make-up filled the gap
    assert "当前连续 21 天 · 最长连续 21 天" in calendar.text and "已完成 21/21（100%）" in calendar.text
    group = dialog.messenger.in_chat(GROUP_ID)[group_before:]
    assert not any(m.text.startswith("🌙") or "还没有打卡" in m.text for m in group)

    # Day 21: 小明 and 小红 checked in on the last day and got their certificates at once (20:10).
    ming_cert = certificates(ming_mum)
    assert len(ming_cert) == 1 and len(certificates(dad)) == 1
    assert ming_cert[0].text == "🎉 小明 完成了《每天阅读》打卡计划，坚持了 21/21 天！这是 小明 的证书。"
    image = Image.open(io.BytesIO(ming_cert[0].reply.media[0].data))
    assert image.format == "PNG" and image.size == (1200, 850)
    assert [m.text.split(" 完成了")[0] for m in certificates(hong_mum)] == ["🎉 小红"]

    # When the last day is over, 小亮 (who took part) gets one too, and the teacher the summary — both held
    # until quiet hours end at 07:00.
    set_local(clock, START + timedelta(days=21), "00:05")
    assert await scheduler.run() == []
    set_local(clock, START + timedelta(days=21), "07:00")
    morning = await scheduler.run()
    assert sorted(m.chat.chat_id for m in morning) == sorted([hong_mum.external_id, teacher.external_id])
    hong, liang = (m.text for m in certificates(hong_mum))
    assert hong.startswith("🎉 小红 完成了《每天阅读》")
    # 10 of 21 days is taking part, not finishing (80% is): the certificate says so.
    assert liang.startswith("🎉 小亮 参加了《每天阅读》打卡计划，坚持了 10/21 天！")
    assert certificates(gang_mum) == []
    [summary] = [m for m in morning if m.chat.chat_id == teacher.external_id]
    assert "参与率 100%（4/4 人至少打卡一次）" in summary.text
    assert "完成率 50%（2/4 人完成了 80% 以上的天数）" in summary.text
    book = load_workbook(io.BytesIO(summary.reply.media[0].data))
    rows = {row[0]: row[1:5] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert rows["小明"] == (21, 1, 1.0, "是") and rows["小亮"][:2] == (10, 0) and rows["小刚"][3] == "否"
    assert [row[2] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)][:6] == [4, 4, 4, 3, 3, 3]


def certificates(member):
    return [m for m in member.inbox if m.reply.media and m.text.startswith("🎉")]


def check_stars(friday: date, text: str) -> None:
    """Stars praise by name and never list who fell short."""
    assert text.startswith("🌟 <b>习惯小明星</b> ·《每天阅读》")
    lines = text.splitlines()
    stars = next((line for line in lines if line.startswith("本周每天都坚持打卡")), "")
    improved = next((line for line in lines if line.startswith("进步之星")), "")
    if friday == date(2026, 11, 27):
        assert stars == "本周每天都坚持打卡：小亮、小刚、小明、小红" and not improved  # roster order
    elif friday == date(2026, 12, 4):  # 小明's make-up keeps him a star; 小刚 kept one day of seven
        assert stars == "本周每天都坚持打卡：小亮、小明、小红" and "小刚" not in text
    elif friday == date(2026, 12, 11):  # 小刚 is back: from 1/7 to 5/7
        assert stars == "本周每天都坚持打卡：小明、小红" and improved.startswith("进步之星：小刚")
        assert "小亮" not in text
