"""Webhook delivery: updates are POSTed to a small receiving app, in order, retried until it says 2xx."""
import asyncio

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram.error import Conflict

from bot.sandbox.spec import check_object
from bot.sandbox.webhook_pusher import SECRET_HEADER


class Receiver:
    def __init__(self, failures: int = 0):
        self.failures = failures
        self.updates: list[dict] = []
        self.secrets: list[str | None] = []
        self.arrived = asyncio.Event()
        self.app = Starlette(routes=[Route("/hook/telegram", self.receive, methods=["POST"])])

    async def receive(self, request: Request) -> Response:
        self.secrets.append(request.headers.get(SECRET_HEADER))
        if self.failures:
            self.failures -= 1
            return Response(status_code=500)
        self.updates.append(await request.json())
        self.arrived.set()
        return Response(status_code=200)

    async def wait_for(self, count: int) -> list[dict]:
        while len(self.updates) < count:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), 5)
        return self.updates


@pytest.fixture
def receiver(server):
    receiver = Receiver()
    server.apps["/hook"] = receiver.app
    return receiver


async def test_updates_are_posted_to_the_webhook_with_the_secret(sandbox, receiver):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    assert await bot.set_webhook(f"{sandbox.base}/hook/telegram", secret_token="s3cret-Token_1")
    world.user_sends_text(ana, ana, "/start")
    world.user_sends_text(ana, ana, "/help")
    first, second = await receiver.wait_for(2)
    assert (first["message"]["text"], second["message"]["text"]) == ("/start", "/help")
    assert first["update_id"] < second["update_id"]
    assert set(receiver.secrets) == {"s3cret-Token_1"}
    assert check_object("Update", first) == []
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == (f"{sandbox.base}/hook/telegram", 0)


async def test_get_updates_is_a_conflict_while_a_webhook_is_set(sandbox, receiver):
    bot = sandbox.bot
    await bot.set_webhook(f"{sandbox.base}/hook/telegram")
    with pytest.raises(Conflict, match="(?i)webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_a_failing_webhook_is_retried_and_the_failure_reported(sandbox, receiver):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    receiver.failures = 2
    await bot.set_webhook(f"{sandbox.base}/hook/telegram")
    world.user_sends_text(ana, ana, "/start")
    (update,) = await receiver.wait_for(1)
    assert update["message"]["text"] == "/start"
    assert receiver.secrets == [None, None, None]  # two refusals, then the delivery that counted
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.pending_update_count == 0


async def test_a_second_bot_instance_polling_ends_the_first_ones_poll_with_a_conflict(sandbox):
    first = asyncio.create_task(sandbox.bot.get_updates(timeout=10))
    while sandbox.api.poll_generation == 0:
        await asyncio.sleep(0.005)
    async with sandbox.new_bot() as replica:
        second = asyncio.create_task(replica.get_updates(timeout=10))
        with pytest.raises(Conflict, match="(?i)terminated by other getUpdates request"):
            await asyncio.wait_for(first, 3)
        (ana,) = sandbox.people("Ana")
        sandbox.world.user_sends_text(ana, ana, "/start")
        assert [u.message.text for u in await asyncio.wait_for(second, 3)] == ["/start"]
