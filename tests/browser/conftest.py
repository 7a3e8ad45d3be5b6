"""Browser fixtures: the system's headless Chromium, driven through Playwright, against the whole sandbox
(`make run` with no token) on a free port."""
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from playwright.async_api import async_playwright

from bot.push_delivery import running_pushes
from bot.runtime import build_runtime
from bot.sandbox.local_server import free_port
from bot.sandbox.wiring import sandbox_wiring
from bot.settings import Settings
from support.live import start_live

CHROMIUM = "/usr/bin/chromium"  # Debian's; tests never download a browser
# Nothing but the page under test: no sync, updates, field trials or QUIC probes going out.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1200, "height": 800}


@pytest.fixture(scope="session")
async def browser():
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


@pytest.fixture
async def live(database_url, clock):
    # The tests' clock stands still, so a person's second answer would wait for the private chat's second to
    # pass for ever, and so would a reply the stand-in refused with 429 (its retry waits on that clock): the
    # private pace is off on both sides here. Group limits stay on.
    settings = Settings(database_url=database_url, http_port=free_port(), send_limit_private_per_second=1000)
    runtime = build_runtime(settings, clock=clock)
    wiring = sandbox_wiring(runtime)
    wiring.world.limits = replace(wiring.world.limits, private_per_second=1000.0, private_burst=1000)
    # As `classbridge run` has it: the scheduler and the delivery worker run beside the page.
    wiring.platforms.append(running_pushes(runtime, wiring.messengers))
    live, server, task = await start_live(runtime, wiring)
    try:
        yield live
    finally:
        await live.bridge.stop()  # first, so no long poll is left open when the server goes
        server.should_exit = True
        await task


@pytest.fixture
async def open_page(browser, live):
    """Opens the sandbox page in a fresh browser profile. Afterwards the test fails if the page threw a
    script error or tried to reach anything but the local server: the sandbox must work offline."""
    contexts, script_errors, outside = [], [], []

    async def keep_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith("data:"):
            await route.continue_()
        else:
            outside.append(route.request.url)
            await route.abort()

    async def open_page(**options):
        context = await browser.new_context(**{"viewport": DESKTOP, "locale": "zh-CN", **options})
        contexts.append(context)
        await context.route("**/*", keep_local)
        page = await context.new_page()
        page.on("pageerror", lambda error: script_errors.append(str(error)))
        await page.goto(f"{live.base}/sandbox")
        return page

    try:
        yield open_page
    finally:
        # Closing the pages ends their long polls, so the server can stop at once.
        for context in contexts:
            await context.close()
    assert not script_errors, f"script errors on the page: {script_errors}"
    assert not outside, f"the page reached beyond 127.0.0.1: {outside}"
