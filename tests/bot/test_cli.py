"""The `classbridge` command as a person runs it: start, health, Ctrl-C, migrations, the demo class."""
import os
import signal
import subprocess
import sys
import time

import httpx
from sqlalchemy import create_engine, func, select

from bot.demo import CHILDREN
from bot.sandbox.local_server import free_port
from models import Student

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def classbridge(*args, env=None, cwd=None, **kwargs):
    environment = dict(os.environ, PYTHONPATH=ROOT, **(env or {}))
    return subprocess.run([sys.executable, "-m", "bot", *args], env=environment, cwd=cwd, capture_output=True,
                          text=True, timeout=120, **kwargs)

def test_help_lists_the_commands():
    result = classbridge("--help")
    assert result.returncode == 0
    for word in ("run", "db", "demo"):
        assert word in result.stdout

def test_run_migrates_answers_health_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = dict(os.environ, PYTHONPATH=ROOT, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/cb.db", HTTP_PORT=str(port))
    process = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        health = None
        for _ in range(200):  # start-up takes a few seconds on a busy machine
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).json()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert health is not None and health["status"] == "ok" and health["schema"]
        page = httpx.get(f"http://127.0.0.1:{port}/sandbox", timeout=5)
        assert page.status_code == 200 and "ClassBridge" in page.text
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=30)[0]
    assert process.returncode in (0, 130)  # 130: the shell's code for "ended by Ctrl-C"
    assert f"http://127.0.0.1:{port}/sandbox" in output
    assert "Traceback" not in output

def test_db_downgrade_to_base_and_up_again(database_url, tmp_path):
    env = {"DATABASE_URL": database_url}
    assert classbridge("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    down = classbridge("db", "downgrade", "base", env=env, cwd=tmp_path)
    assert down.returncode == 0, down.stderr
    empty = classbridge("db", "current", env=env, cwd=tmp_path)
    assert "(head)" not in empty.stdout + empty.stderr
    up = classbridge("db", "upgrade", env=env, cwd=tmp_path)
    assert up.returncode == 0, up.stderr
    current = classbridge("db", "current", env=env, cwd=tmp_path)
    assert "(head)" in current.stdout + current.stderr


def test_demo_seeds_a_class_once(tmp_path):
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/cb.db"}
    first = classbridge("demo", env=env, cwd=tmp_path)
    assert first.returncode == 0 and "DEMO23" in first.stdout
    again = classbridge("demo", env=env, cwd=tmp_path)
    assert again.returncode == 0 and "already" in again.stdout
    engine = create_engine(f"sqlite:///{tmp_path}/cb.db")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Student)).scalar() == len(CHILDREN)
