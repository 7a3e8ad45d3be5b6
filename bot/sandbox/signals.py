"""Versions that waiters can long-poll on: the sandbox page per chat, getUpdates and the webhook pusher.

Bumping is synchronous, so the user-side API stays plain functions; all of it runs on one event loop."""
from __future__ import annotations

import asyncio


class Signal:
    def __init__(self):
        self.version = 0
        self._waiters: list[asyncio.Future] = []

    def bump(self) -> None:
        self.version += 1
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait(self, after: int, timeout: float | None) -> int:
        """Returns the version once it is past `after`, or the current one when `timeout` runs out."""
        if self.version > after:
            return self.version
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await asyncio.wait_for(asyncio.shield(waiter), timeout)
        except TimeoutError:
            pass
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
        return self.version
