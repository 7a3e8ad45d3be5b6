"""Delivers queued updates to the webhook URL one at a time, in order, as Telegram does.

An update leaves the queue only after a 2xx answer; anything else (an error status, a refused
connection, a timeout) is recorded for getWebhookInfo and retried after a growing pause. A 2xx answer
may carry one Bot API call as JSON (`{"method": "sendMessage", ...}`), which is run as Telegram runs it:
after the update is confirmed, with its outcome told to nobody."""
from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from bot.sandbox.world import World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookPusher:
    def __init__(self, world: World, *, on_answer: Callable[[dict], Awaitable[None]] | None = None,
                 retry_delays: tuple[float, ...] = (0.05, 0.2, 1.0, 3.0, 10.0), timeout: float = 10.0):
        self.world = world
        self.on_answer = on_answer
        self.retry_delays = retry_delays
        self.timeout = timeout
        self.delivered = 0
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        world = self.world
        failures = 0
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            while world.webhook.url:
                seen = world.updates_changed.version
                if not world.updates:
                    await world.updates_changed.wait(seen, None)
                    continue
                update = world.updates[0]
                error, answer = await self._post(client, update)
                if error is None:
                    failures = 0
                    self.delivered += 1
                    world.confirm_updates(update["update_id"] + 1)
                    if answer is not None and self.on_answer is not None:
                        await self.on_answer(answer)
                    continue
                world.webhook.last_error_date = world.now_date()
                world.webhook.last_error_message = error
                await asyncio.sleep(self.retry_delays[min(failures, len(self.retry_delays) - 1)])
                failures += 1

    async def _post(self, client: httpx.AsyncClient, update: dict) -> tuple[str | None, dict | None]:
        """(the error getWebhookInfo would show, or None; the method call the answer carries, if any)"""
        webhook = self.world.webhook
        headers = {SECRET_HEADER: webhook.secret_token} if webhook.secret_token else {}
        try:
            response = await client.post(webhook.url, json=update, headers=headers)
        except httpx.TimeoutException:
            return "Read timeout expired", None
        except httpx.HTTPError as error:
            return f"Connection failed: {type(error).__name__}", None
        if 200 <= response.status_code < 300:
            return None, method_call_in(response)
        try:
            reason = HTTPStatus(response.status_code).phrase
        except ValueError:
            reason = ""
        return f"Wrong response from the webhook: {response.status_code} {reason}".rstrip(), None


def method_call_in(response: httpx.Response) -> dict | None:
    """The Bot API call a webhook's answer asks for: a JSON object with a "method"; anything else is ignored."""
    if not response.headers.get("content-type", "").startswith("application/json"):
        return None
    try:
        answer = json.loads(response.content)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) and isinstance(answer.get("method"), str) else None
