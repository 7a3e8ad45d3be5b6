"""One replica of the bot for the multi-process test: the scheduler's tick (when it leads) and the
delivery worker, on a clock the test moves by writing `step` files: "<n> <ISO time>", or "stop".

Run as `python -m support.replica_process <database url> <work dir> <name>`; it writes what it sends to
`sent-<name>.jsonl` and acknowledges each step in `ack-<name>` as "<n> <led: 0|1>"."""
from __future__ import annotations

import asyncio
import json
import sys
from datetime import datetime
from pathlib import Path

from bot.outbox_worker import OutboxWorker
from handlers.core.clock import FixedClock
from models.engine import make_engine, make_sessionmaker
from schedules.leader import Leadership
from schedules.providers import PROVIDERS, load_providers
from schedules.tick import tick


class RecordingMessenger:
    def __init__(self, path: Path, name: str):
        self.file, self.name, self.count = path.open("a", encoding="utf-8"), name, 0

    async def send(self, chat, reply):
        self.count += 1
        self.file.write(json.dumps({"chat": chat.chat_id, "text": reply.text, "by": self.name}) + "\n")
        self.file.flush()
        return f"{self.name}-{self.count}"


async def main(url: str, workdir: Path, name: str) -> None:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    load_providers()
    clock, last = None, None
    leadership = Leadership(engine)
    worker = None
    while True:
        step = (workdir / "step").read_text().strip() if (workdir / "step").exists() else ""
        if step == "stop":
            break
        if step and step != last:
            number, moment = step.split(" ", 1)
            if clock is None:
                clock = FixedClock(datetime.fromisoformat(moment))
                worker = OutboxWorker(sessions, {"fake": RecordingMessenger(workdir / f"sent-{name}.jsonl", name)},
                                      clock)
            clock.set(datetime.fromisoformat(moment))
            led = await leadership.is_leader()
            if led:
                await tick(sessions, clock.now(), PROVIDERS)
            for _ in range(3):
                await worker.run_once()
            (workdir / f"ack-{name}.tmp").write_text(f"{number} {int(led)}")
            (workdir / f"ack-{name}.tmp").replace(workdir / f"ack-{name}")
            last = step
        await asyncio.sleep(0.01)
    await leadership.release()
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), sys.argv[3]))
