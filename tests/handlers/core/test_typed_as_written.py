"""What teachers type on Chinese keyboards reaches the group as written, and the options PRODUCT.md writes with
a space (`due=2026-12-16 20:00`, `until=12-06 12:00`) read as one value — a stray time never swallows a flag."""
from datetime import UTC, datetime

from sqlalchemy import select

from models.homework import HomeworkCard
from models.polls import Poll
from support.notice_class import FeatureWorker, group_messages, notice_class


async def test_a_notice_keeps_its_chinese_punctuation_in_the_group(dialog, sessions, clock):
    teacher, _, _, _ = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "notices")
    await teacher.group('/notice "明天（周四）降温，请给孩子加衣；体育课改为室内！" ack')
    [message] = await worker.run()
    assert "明天（周四）降温，请给孩子加衣；体育课改为室内！" in message.text
    assert "(周四)" not in "\n".join(m.text for m in group_messages(dialog))


async def test_a_poll_with_a_dated_deadline_keeps_its_two_options_and_stays_anonymous(dialog, sessions, clock):
    teacher, _, _, _ = await notice_class(dialog)
    [answer] = await teacher.private('/poll "是否同意统一订购校服？" 同意 | 不同意 anon until=12-06 12:00')
    assert answer.text.startswith("✅")
    async with sessions() as session:
        poll = await session.scalar(select(Poll))
    assert (poll.question, poll.options, poll.anonymous) == ("是否同意统一订购校服？", ["同意", "不同意"], True)
    assert poll.until == datetime(2026, 12, 6, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


async def test_homework_due_on_a_later_day_is_written_as_product_md_shows_it(dialog, sessions, clock):
    teacher, _, _, _ = await notice_class(dialog)
    assert await teacher.group('/hw new 科学 "观察月亮，记录形状" due=2026-12-16 20:00') == []
    async with sessions() as session:
        card = await session.scalar(select(HomeworkCard))
    assert (card.subject, card.content) == ("科学", "观察月亮，记录形状")
