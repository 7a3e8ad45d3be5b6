"""A throwaway PostgreSQL cluster for the test run, or the one named by TEST_POSTGRES_URL."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager


def _binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise RuntimeError(
            f"PostgreSQL's {name} is not installed; `make test` installs it (apt-get install -y postgresql), "
            "or point TEST_POSTGRES_URL at a server"
        )
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def postgres_server(*, durable: bool = False):
    """Yields a postgresql+asyncpg URL of an empty database, stopping the cluster afterwards. Tests skip
    fsync, which only matters when the machine fails; `durable` keeps it, for benches that must pay what
    production pays."""
    if os.environ.get("TEST_POSTGRES_URL"):
        yield os.environ["TEST_POSTGRES_URL"]
        return
    # pg_ctl refuses to run as root, so as root the cluster belongs to the postgres user.
    as_root = os.geteuid() == 0
    user = "postgres" if as_root else pwd.getpwuid(os.geteuid()).pw_name
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    directory = tempfile.mkdtemp(prefix="classbridge-pg-")
    if as_root:
        shutil.chown(directory, "postgres")
    data, port = os.path.join(directory, "data"), _free_port()
    run = lambda *args: subprocess.run(prefix + list(args), check=True, capture_output=True)  # noqa: E731
    run(_binary("initdb"), "-D", data, "-A", "trust", "-U", user, "-E", "UTF8", "--no-sync")
    speed = "" if durable else " -c fsync=off -c full_page_writes=off"
    run(_binary("pg_ctl"), "-D", data, "-w", "-l", os.path.join(directory, "log"), "-o",
        f"-p {port} -k {directory} -c listen_addresses=127.0.0.1{speed}", "start")
    try:
        run(_binary("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", user, "classbridge_test")
        yield f"postgresql+asyncpg://{user}@127.0.0.1:{port}/classbridge_test"
    finally:
        subprocess.run(prefix + [_binary("pg_ctl"), "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)
