"""The sandbox page in a real browser, used as a new user would: acting as the teacher and as parents of
the demo class, in the class group and in private chats with the bot."""
import io
import re

import pytest
from PIL import Image
from playwright.async_api import Page, expect

pytestmark = pytest.mark.browser

TEACHER, DAD = "王老师", "刘爸爸"
MUM = "张妈妈"
GROUP, PRIVATE = "三年级二班 家长群", "私聊 ClassBridge"
WAIT_MS = 15_000  # generous: every wait ends as soon as the page shows what it waits for


def messages(page: Page):
    return page.locator("#messages > li")


async def act_as(page: Page, name: str) -> None:
    who = page.get_by_label("who am I")
    value = await who.locator("option", has_text=name).get_attribute("value", timeout=WAIT_MS)
    await who.select_option(value)
    await expect(who.locator("option:checked")).to_contain_text(name)


async def open_chat(page: Page, title: str) -> None:
    button = page.get_by_role("navigation", name="chats").get_by_role("button", name=title)
    await button.click()
    await expect(button).to_have_attribute("aria-current", "true")


async def send(page: Page, text: str) -> None:
    await page.get_by_label("message").fill(text)
    await page.get_by_role("button", name="发送").click()
    await expect(messages(page).filter(has_text=text).last).to_be_visible(timeout=WAIT_MS)


async def set_up_class(page: Page) -> str:
    """The teacher turns the group into a class; returns the join code the bot showed."""
    await act_as(page, TEACHER)
    await open_chat(page, GROUP)
    await send(page, "/setup 三年级二班")
    answer = messages(page).filter(has_text="加入码").last
    await expect(answer).to_contain_text("三年级二班", timeout=WAIT_MS)
    await expect(answer.get_by_role("link", name="加入班级")).to_be_visible()
    code = re.search(r"加入码：\s*([A-Z0-9]{6})", await answer.inner_text())
    assert code, await answer.inner_text()
    return code.group(1)


async def test_teacher_sets_up_the_class_and_a_parent_joins_by_the_link(open_page):
    page = await open_page()
    await set_up_class(page)
    await open_chat(page, PRIVATE)
    await send(page, "/roster add 小明")
    await expect(messages(page).last).to_contain_text("已添加 1 名：小明", timeout=WAIT_MS)

    await act_as(page, MUM)
    await expect(page.locator("#chat-title")).to_have_text(GROUP)
    # Pressing the join button in the group opens her private chat and sends /start, as Telegram does.
    await messages(page).get_by_role("link", name="加入班级").click()
    await expect(page.get_by_role("navigation", name="chats").get_by_role("button", name=PRIVATE)) \
        .to_have_attribute("aria-current", "true")
    await expect(messages(page).first).to_contain_text(re.compile(r"/start join-[A-Z0-9]{6}"), timeout=WAIT_MS)
    await expect(messages(page).last).to_contain_text("孩子的姓名", timeout=WAIT_MS)
    await send(page, "小明 妈妈")
    await expect(messages(page).last).to_contain_text("已加入", timeout=WAIT_MS)
    await expect(messages(page).last).to_contain_text("小明")
    # Her new role shows in the who-am-I list without reloading the page.
    await expect(page.get_by_label("who am I").locator("option", has_text=MUM)).to_contain_text("家长")


async def test_teacher_approves_a_child_who_is_not_on_the_roster(open_page):
    page = await open_page()
    code = await set_up_class(page)
    await open_chat(page, PRIVATE)
    await send(page, "/help")  # the teacher has opened the private chat, so the bot can write to her
    await expect(messages(page).last).to_contain_text("帮助", timeout=WAIT_MS)

    await act_as(page, DAD)
    await open_chat(page, PRIVATE)
    await send(page, f"/join {code} 小新 爸爸")
    await expect(messages(page).last).to_contain_text("已请老师确认", timeout=WAIT_MS)
    who = page.get_by_label("who am I")
    await expect(who.locator("option", has_text=TEACHER)).to_contain_text("1 未读", timeout=WAIT_MS)

    await act_as(page, TEACHER)
    private = page.get_by_role("navigation", name="chats").get_by_role("button", name=PRIVATE)
    badge = private.locator(".unread")
    await expect(badge).to_have_text("1", timeout=WAIT_MS)
    await open_chat(page, PRIVATE)
    await expect(badge).to_be_hidden()
    request = messages(page).last
    await expect(request).to_contain_text("小新")
    await expect(request.get_by_role("button")).to_have_text(["✅ 同意", "✖️ 拒绝"])
    await request.get_by_role("button", name="同意").click()
    decided = messages(page).filter(has_text="已同意")
    await expect(decided).to_contain_text("小新 已加入花名册", timeout=WAIT_MS)
    await expect(decided).to_contain_text("已编辑")
    await expect(decided.get_by_role("button")).to_have_count(0)

    await act_as(page, DAD)
    await open_chat(page, PRIVATE)
    await expect(messages(page).last).to_contain_text("已加入", timeout=WAIT_MS)
    await expect(messages(page).last).to_contain_text("小新")


async def test_a_request_waits_for_the_teacher_who_opens_the_private_chat_from_the_setup_answer(open_page):
    page = await open_page()
    code = await set_up_class(page)  # the teacher has not opened the private chat

    await act_as(page, DAD)
    await open_chat(page, PRIVATE)
    await send(page, f"/join {code} 小新 爸爸")
    await expect(messages(page).last).to_contain_text("已请老师确认", timeout=WAIT_MS)

    await act_as(page, TEACHER)
    await open_chat(page, GROUP)
    await messages(page).filter(has_text="加入码").last.get_by_role("link", name="私聊我").click()
    await expect(page.get_by_role("navigation", name="chats").get_by_role("button", name=PRIVATE)) \
        .to_have_attribute("aria-current", "true")
    request = messages(page).filter(has_text="申请").last
    await expect(request).to_contain_text("小新", timeout=WAIT_MS)
    await expect(request.get_by_role("button")).to_have_text(["✅ 同意", "✖️ 拒绝"])
    await request.get_by_role("button", name="同意").click()
    await expect(messages(page).filter(has_text="已同意")).to_contain_text("小新 已加入花名册", timeout=WAIT_MS)

    await act_as(page, DAD)
    await open_chat(page, PRIVATE)
    await expect(messages(page).last).to_contain_text("已加入", timeout=WAIT_MS)


def small_png() -> bytes:
    image = Image.new("RGB", (64, 48), (47, 111, 159))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


async def test_on_a_phone_the_chats_and_composer_fit_and_a_photo_can_be_sent(open_page):
    page = await open_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    await act_as(page, TEACHER)
    who = await page.get_by_label("who am I").bounding_box()
    assert who["width"] >= 390 / 2, "the who-am-I list is too narrow to show who you are"
    chats = page.get_by_role("navigation", name="chats")
    await expect(chats.get_by_role("button", name=GROUP)).to_be_in_viewport(ratio=1)
    await expect(chats.get_by_role("button", name=PRIVATE)).to_be_in_viewport(ratio=1)
    send_button = page.get_by_role("button", name="发送")
    await expect(send_button).to_be_in_viewport(ratio=1)
    await expect(page.get_by_role("button", name="附件")).to_be_in_viewport(ratio=1)
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"

    await open_chat(page, PRIVATE)
    for command in ("/help", "/settings", "/help"):  # more than a phone screen of answers
        before = await messages(page).count()
        await page.get_by_label("message").fill(command)
        await send_button.tap()
        await expect(messages(page)).to_have_count(before + 2, timeout=WAIT_MS)
    await expect(messages(page).last).to_be_in_viewport(timeout=WAIT_MS)  # scrolled to the newest

    async with page.expect_file_chooser() as chooser:
        await page.get_by_role("button", name="附件").tap()
    await (await chooser.value).set_files({"name": "作业.png", "mimeType": "image/png", "buffer": small_png()})
    await expect(page.get_by_text("作业.png")).to_be_visible()
    await page.get_by_label("message").fill("/help")
    await send_button.tap()
    photo = page.get_by_role("img", name="照片 photo: /help")
    await expect(photo).to_be_visible(timeout=WAIT_MS)
    await expect(photo).to_have_js_property("naturalWidth", 64)  # the picture itself arrived, not a broken icon
    # The caption is a command like any other: the bot answers it.
    await expect(messages(page).last).to_contain_text("帮助", timeout=WAIT_MS)
    await expect(messages(page).last).to_be_in_viewport()
    await expect(page.get_by_text("作业.png")).to_be_hidden()
