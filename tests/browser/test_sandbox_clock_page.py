"""A newcomer lives a whole 21-day plan in the sandbox page: the first hint, a class, two families, and the
sandbox's clock moved on with "⏩ next" and "+1 day" until the certificate and the teacher's summary. Then the
page after `classbridge demo`, in the middle of a plan. Screenshots go to the test's tmp dir (screens/)."""
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Page, expect
from test_sandbox_page import DAD, GROUP, MUM, PRIVATE, TEACHER, WAIT_MS, act_as, messages, open_chat, send

from bot.demo import seed_demo
from bot.settings import Settings
from handlers.core.clock import FixedClock

pytestmark = pytest.mark.browser

BEIJING = ZoneInfo("Asia/Shanghai")
DAD_SKIPS = {3, 8, 9, 15}  # days 刘爸爸 does not check in for 小红
POST_COUNT = re.compile(r"今日已打卡 (\d+)/30")
POST = re.compile(r"📅 21天阅读 第(\d+)/21天 · 今日已打卡 (\d)/2")


class Screens:
    def __init__(self, folder):
        self.folder = folder
        folder.mkdir(exist_ok=True)

    async def shot(self, page: Page, name: str) -> None:
        await page.screenshot(path=self.folder / f"{name}.png")


async def clock_text(page: Page) -> str:
    return await page.locator("#clock-now").inner_text()


async def move(page: Page, button: str) -> str:
    """Presses a clock button and waits until the page has shown what the jump brought."""
    control = page.get_by_role("button", name=button)
    async with page.expect_response("**/sandbox/api/clock", timeout=60_000):
        await control.click()
    await expect(control).to_be_enabled(timeout=WAIT_MS)  # again once the page has caught up
    return await clock_text(page)


def bot_texts(live, chat_id: int) -> list[tuple[datetime, str]]:
    return [(datetime.fromtimestamp(m["date"], BEIJING), m.get("text") or m.get("caption") or "")
            for m in live.bot_messages(chat_id)]


def posts(live, group: int) -> dict[int, int]:
    """Day number -> the count the group's post shows now."""
    found = {}
    for _, text in bot_texts(live, group):
        if match := POST.search(text):
            found[int(match.group(1))] = int(match.group(2))
    return found


# The page and the clock are what this walk tests, on the sandbox's own store. The same 21 days on PostgreSQL
# are walked by tests/handlers/habits/test_habit_journey.py; walking them here too doubled the suite's
# slowest test (2 × 138 s).
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_newcomer_lives_a_21_day_plan_on_the_sandbox_clock(open_page, live, tmp_path):
    screens = Screens(tmp_path / "screens")
    page = await open_page()
    hint = page.get_by_role("complementary", name="first steps")
    await expect(hint).to_contain_text("/setup 三年级二班")
    await expect(page.locator("#clock-now")).to_have_text("2026-11-24 星期二 Tue 09:00")
    await screens.shot(page, "01-hint")

    await hint.get_by_role("button", name="替王老师填好").click()
    await expect(page.get_by_label("who am I").locator("option:checked")).to_contain_text(TEACHER)
    await expect(page.get_by_label("message")).to_have_value("/setup 三年级二班")
    await page.get_by_role("button", name="发送").click()
    await expect(messages(page).filter(has_text="加入码").last).to_contain_text("三年级二班", timeout=WAIT_MS)
    await expect(hint).to_be_hidden(timeout=WAIT_MS)
    await open_chat(page, PRIVATE)
    await send(page, "/roster add 小明 小红")
    await expect(messages(page).last).to_contain_text("已添加 2 名", timeout=WAIT_MS)

    for parent, child in ((MUM, "小明"), (DAD, "小红")):
        await act_as(page, parent)
        await open_chat(page, GROUP)
        await messages(page).get_by_role("link", name="加入班级").first.click()
        await expect(messages(page).last).to_contain_text("孩子的姓名", timeout=WAIT_MS)
        await send(page, f"{child} {parent[-2:]}")
        await expect(messages(page).last).to_contain_text("已加入", timeout=WAIT_MS)

    await act_as(page, TEACHER)
    await open_chat(page, GROUP)
    await send(page, '/plan new "21天阅读" start=today')
    await expect(messages(page).last).to_contain_text("21天阅读", timeout=WAIT_MS)
    group = int(next(c.id for c in live.world.chats.values() if c.is_group))

    for day in range(1, 22):
        # "⏩ next" on most days (Fridays' stars come first), "+1 day" on every fifth.
        if day % 5 == 0:
            await move(page, "+1 天 day")
        while day not in posts(live, group):
            await move(page, "⏩ 下一步 next")
        await act_as(page, MUM)
        await open_chat(page, PRIVATE)
        await send(page, "/checkin")
        await expect(messages(page).last).to_contain_text(f"小明 第{day}天打卡成功", timeout=WAIT_MS)
        if day not in DAD_SKIPS:
            await act_as(page, DAD)
            await open_chat(page, PRIVATE)
            await send(page, "/checkin")
            await expect(messages(page).last).to_contain_text(f"小红 第{day}天打卡成功", timeout=WAIT_MS)
        if day in (1, 8, 21):
            await act_as(page, TEACHER)
            await open_chat(page, GROUP)
            await screens.shot(page, f"02-day-{day:02d}-group")
    await move(page, "⏩ 下一步 next")  # the end of the last day: the summary
    while "计划总结" not in " ".join(text for _, text in bot_texts(live, 1001)):
        await move(page, "⏩ 下一步 next")

    # 21 daily posts, each showing who had checked in that day.
    assert posts(live, group) == {day: 1 if day in DAD_SKIPS else 2 for day in range(1, 22)}
    # Nudges went to 刘爸爸 only, on the evenings he had not checked in, never in quiet hours.
    nudges = [(when, text) for when, text in bot_texts(live, 2102) if text.startswith("🌙")]
    assert [int(re.search(r"第(\d+)/21天", text).group(1)) for _, text in nudges] == sorted(DAD_SKIPS)
    assert all(7 <= when.hour and (when.hour, when.minute) < (21, 30) for when, _ in nudges)
    assert not any(text.startswith("🌙") for _, text in bot_texts(live, 2101))
    stars = [when for when, text in bot_texts(live, group) if "习惯小明星" in text]
    fridays = [when.strftime("%m-%d %H:%M") for when in stars]
    assert fridays == ["11-27 16:00", "12-04 16:00", "12-11 16:00"], fridays

    await act_as(page, MUM)
    await open_chat(page, PRIVATE)
    certificate = page.get_by_role("img", name=re.compile("小明 完成了《21天阅读》"))
    await expect(certificate).to_be_visible(timeout=WAIT_MS)
    await expect(certificate).to_have_js_property("naturalWidth", 1200)
    await certificate.scroll_into_view_if_needed()
    await screens.shot(page, "03-certificate")

    await act_as(page, TEACHER)
    await open_chat(page, PRIVATE)
    await expect(messages(page).filter(has_text="计划总结").last).to_contain_text("参与率 100%", timeout=WAIT_MS)
    sheet = page.get_by_role("link", name=re.compile(r"\.xlsx"))
    async with page.expect_download() as download:
        await sheet.click()
    assert (await download.value).suggested_filename.endswith(".xlsx")
    await screens.shot(page, "04-summary")


@pytest.fixture
async def demo_store(database_url, clock):
    """`classbridge demo` run before the sandbox starts, at the sandbox's time."""
    await seed_demo(Settings(database_url=database_url), FixedClock(clock.now()))


async def test_after_the_demo_the_page_shows_a_plan_on_its_tenth_day(demo_store, open_page, live, tmp_path):
    page = await open_page()
    await expect(page.get_by_role("complementary", name="first steps")).to_be_hidden()
    await act_as(page, TEACHER)
    await open_chat(page, GROUP)
    history = messages(page).filter(has_text="21天阅读打卡")
    await expect(history).to_have_count(9, timeout=WAIT_MS)
    await expect(history.first).to_contain_text("第1/21天")
    await expect(history.last).to_contain_text("第9/21天 · 今日已打卡")
    await Screens(tmp_path / "screens").shot(page, "demo-history")
    assert await move(page, "⏩ 下一步 next") == "2026-11-24 星期二 Tue 18:00"  # 口算's count, 2 h before due
    assert await move(page, "⏩ 下一步 next") == "2026-11-24 星期二 Tue 19:00"  # the family plan's reminder
    assert await move(page, "⏩ 下一步 next") == "2026-11-24 星期二 Tue 20:00"
    await expect(messages(page).last).to_contain_text("第10/21天", timeout=WAIT_MS)
    # A parent of the demo checks in under tonight's post: the count moves on.
    before = POST_COUNT.search(await messages(page).last.inner_text()).group(1)
    await act_as(page, "刘欣怡外婆")  # her grandchild has missed days, and not yet checked in today
    await open_chat(page, GROUP)
    await messages(page).last.get_by_role("button", name="打卡").click()
    await expect(messages(page).filter(has_text="第10/21天").first).to_contain_text(
        f"今日已打卡 {int(before) + 1}/30", timeout=WAIT_MS)
    await Screens(tmp_path / "screens").shot(page, "demo-day-10")
