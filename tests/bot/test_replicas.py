"""Two bot processes on one PostgreSQL over simulated minutes: every due push is delivered exactly once,
and when the leading process dies the other takes over the scheduler."""
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from handlers.core.messages import ChatRef, PersonTarget
from handlers.core.scheduled_messages import schedule_message
from support.outbox import T0, add_class, add_person

ROOT = Path(__file__).resolve().parents[2]
MINUTES, KILL_AFTER = 10, 4


def write_step(workdir: Path, content: str) -> None:
    (workdir / "step.tmp").write_text(content)
    (workdir / "step.tmp").replace(workdir / "step")


def wait_for_acks(workdir: Path, names, number: int, processes) -> dict[str, bool]:
    """Waits (bounded) until every live process has finished step `number`; returns who led."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        acks = {}
        for name in names:
            path = workdir / f"ack-{name}"
            if path.exists():
                step, led = path.read_text().split()
                if int(step) == number:
                    acks[name] = led == "1"
        if len(acks) == len(names):
            return acks
        for name in names:
            assert processes[name].poll() is None, f"replica {name} exited: {processes[name].stderr.read()}"
        time.sleep(0.02)
    raise AssertionError(f"step {number} not acknowledged by {names}")


async def test_two_processes_deliver_every_push_once_and_survive_the_leader_dying(database_url, sessions, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("several replicas need PostgreSQL; SQLite runs as one process")
    expected = []

    async def scheduled(class_id, to, text, at):
        expected.append(text)
        async with sessions.begin() as session:
            await schedule_message(session, class_id=class_id, to=to, text=text, at=at, now=T0)

    for c in range(4):
        class_id = await add_class(sessions, f"-{c + 1}")
        for minute in range(MINUTES):
            await scheduled(class_id, ChatRef("fake", f"-{c + 1}", False), f"class {c} minute {minute}",
                            T0 + timedelta(minutes=minute))
    for p in range(3):
        person = await add_person(sessions, f"{700 + p}")
        for minute in range(0, MINUTES, 2):
            await scheduled(None, PersonTarget(person), f"parent {p} minute {minute}",
                            T0 + timedelta(minutes=minute, seconds=30))

    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    processes = {
        name: subprocess.Popen(
            [sys.executable, "-m", "support.replica_process", database_url, str(tmp_path), name],
            cwd=ROOT,
            env=environment,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    }
    live, leaders = ["a", "b"], []
    try:
        for step in range(MINUTES * 2 + 2):  # every 30 simulated seconds
            write_step(tmp_path, f"{step} {(T0 + timedelta(seconds=30 * step)).isoformat()}")
            acks = wait_for_acks(tmp_path, live, step, processes)
            leaders.append([name for name, led in acks.items() if led])
            if step == KILL_AFTER * 2:
                victim = leaders[-1][0]
                processes[victim].send_signal(signal.SIGKILL)
                processes[victim].wait()
                live.remove(victim)
        write_step(tmp_path, "stop")
        for name in live:
            assert processes[name].wait(timeout=30) == 0
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()

    sent = [json.loads(line) for path in tmp_path.glob("sent-*.jsonl") for line in path.read_text().splitlines()]
    assert Counter(item["text"] for item in sent) == Counter(expected)
    assert all(len(names) == 1 for names in leaders)  # never two leaders, never none
    assert leaders[-1] == live and leaders[0] != live
