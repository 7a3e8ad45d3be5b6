"""Telegram's side of a webhook: posts updates to a bot's webhook over keep-alive HTTP/1.1 connections,
several in flight, and keeps each answer (status and body, which may carry a Bot API call).

httpx spends about as long on a request as the bots under measurement spend answering it, so the sender
writes its requests by hand on raw connections: it then answers over ten times faster than any bot
here (`python -m bench.webhook_load` measures it against a server that only says 200), and what is
measured is the bot, not the sender."""
from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

SECRET_HEADER = b"X-Telegram-Bot-Api-Secret-Token"


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes

    def method_call(self) -> dict | None:
        if not self.body:
            return None
        decoded = json.loads(self.body)
        return decoded if isinstance(decoded, dict) and "method" in decoded else None


def request_bytes(path: str, secret: str, update: dict) -> bytes:
    body = json.dumps(update, ensure_ascii=False).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n").encode()
    return head + SECRET_HEADER + b": " + secret.encode() + b"\r\n\r\n" + body


async def _read_answer(reader: asyncio.StreamReader) -> Answer:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length, chunked = 0, False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if not chunked:
        return Answer(status, await reader.readexactly(length) if length else b"")
    body = b""
    while size := int((await reader.readuntil(b"\r\n")).strip() or b"0", 16):
        body += await reader.readexactly(size)
        await reader.readexactly(2)
    await reader.readuntil(b"\r\n")
    return Answer(status, body)


async def _lane(port: int, requests: list[tuple[int, bytes]], answers: list[Answer | None]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for index, request in requests:
            writer.write(request)
            answers[index] = await _read_answer(reader)
    finally:
        writer.close()


async def post_all(port: int, path: str, secret: str, updates: list[dict], in_flight: int
                   ) -> tuple[list[Answer], float]:
    """Posts every update once, `in_flight` at a time; returns the answers in update order and the seconds
    from the first request to the last answer. Requests are built before the clock starts."""
    requests = [(index, request_bytes(path, secret, update)) for index, update in enumerate(updates)]
    answers: list[Answer | None] = [None] * len(updates)
    started = time.perf_counter()
    await asyncio.gather(*(_lane(port, requests[lane::in_flight], answers) for lane in range(in_flight)))
    return answers, time.perf_counter() - started


class _SaysOk(asyncio.Protocol):
    """A server that answers every request with an empty 200: the fastest webhook there can be."""

    def connection_made(self, transport):
        self.transport, self.buffer = transport, b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head = self.buffer[:end].lower()
            at = head.find(b"content-length:")
            length = int(head[at + 15:].split(b"\r\n", 1)[0]) if at >= 0 else 0
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length:]
            self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")


async def sender_ceiling(count: int = 20_000, in_flight: int = 16) -> float:
    """Updates per second the sender manages against a server that does nothing: its own ceiling."""
    server = await asyncio.get_running_loop().create_server(_SaysOk, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "/checkin",
                                          "chat": {"id": 1, "type": "private"}}}
    try:
        _, seconds = await post_all(port, "/telegram/webhook", "secret", [update] * count, in_flight)
    finally:
        server.close()
    return count / seconds


if __name__ == "__main__":
    print(f"the sender alone: {asyncio.run(sender_ceiling()):,.0f} updates/s")
