"""What every benchmark needs: a scratch database, a real server, a load, and goals that fail.

Each benchmark states its goals with :class:`Goals` and ends with
``sys.exit(goals.verdict())``: it prints every goal beside what was measured
and exits 1 when any was missed, so a benchmark can never quietly pass.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@dataclass
class Goals:
    """Goals and whether each was met, printed together at the end."""

    lines: list[tuple[str, bool]] = field(default_factory=list)

    def check(self, description: str, met: bool) -> None:
        self.lines.append((description, met))

    def verdict(self) -> int:
        for description, met in self.lines:
            print(f"{'goal met   ' if met else 'GOAL MISSED'}  {description}")
        return 0 if all(met for _, met in self.lines) else 1


@contextmanager
def scratch_database(engine: str) -> Iterator[tuple[str, Path]]:
    """A migrated, empty database (a SQLite file or a PostgreSQL database) and a var folder."""
    var_dir = Path(tempfile.mkdtemp(prefix="convene-bench-"))
    name = f"convene_bench_{uuid.uuid4().hex[:8]}"
    if engine == "postgres":
        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
        url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    else:
        url = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    try:
        migrated = subprocess.run(
            [convene(), "migrate"], env=server_env(url, var_dir, ""), cwd=ROOT,
            capture_output=True, text=True, check=False,
        )
        if migrated.returncode != 0:
            raise RuntimeError(migrated.stderr)
        yield url, var_dir
    finally:
        if engine == "postgres":
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        shutil.rmtree(var_dir, ignore_errors=True)


def server_env(database_url: str, var_dir: Path, base_url: str) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": database_url,
        "CONVENE_VAR_DIR": str(var_dir),
        "MAIL_POLL_SECONDS": "0",
        "CONVENE_ENV": "production",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "BASE_URL": base_url or "http://127.0.0.1:8000",
    }


@dataclass(frozen=True)
class Server:
    base_url: str
    process: subprocess.Popen[bytes]

    def cpu_seconds(self) -> float:
        """User and system CPU of the server and its workers so far (Linux /proc)."""
        return sum(_cpu_seconds(pid) for pid in _tree(self.process.pid))


@contextmanager
def serve(database_url: str, var_dir: Path, workers: int = 1) -> Iterator[Server]:
    """``convene serve`` as shipped, on a free port, until the block ends."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = var_dir / "server.log"
    process = subprocess.Popen(
        [convene(), "serve", "--port", str(port), "--workers", str(workers)],
        env=server_env(database_url, var_dir, base_url), cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=log.open("wb"),
    )
    try:
        # On SQLite, convene serve runs one worker whatever was asked (and says so).
        wait_healthy(base_url, log, 1 if database_url.startswith("sqlite") else workers)
        yield Server(base_url, process)
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk_path() -> str:
    """wrk, from Debian's package, installed on first use when this runs as root with apt-get."""
    if found := shutil.which("wrk"):
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk not found; installing it with apt-get (apt-get install wrk) ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False,
                       capture_output=True, env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"})
    if found := shutil.which("wrk"):
        return found
    sys.exit("wrk is needed: install Debian's package wrk")


def wrk(url: str, seconds: float, connections: int, headers: dict[str, str] | None = None) -> float:
    """Requests per second that wrk (2 threads) gets from ``url``; any error answer aborts.

    wrk's "timeout" count is not an error: it counts requests still waiting
    when its time is up, or slower than 2 s, and they are left out of its rate.
    """
    command = [wrk_path(), "-t2", f"-c{connections}", f"-d{seconds:.0f}s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+)", output)
    if "Non-2xx or 3xx" in output or (errors and any(int(n) for n in errors.groups())):
        raise RuntimeError(f"wrk saw errors on {url}:\n{output}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if match is None:
        raise RuntimeError(f"no rate in wrk's output:\n{output}")
    return float(match.group(1))


def convene() -> str:
    return str(Path(sys.executable).parent / "convene")


async def admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_healthy(base_url: str, log: Path | None = None, workers: int = 1) -> None:
    """Wait until the server answers ``/health`` and, when its ``log`` is given, until every
    worker has started: a worker still starting takes no connections, and a load sent before
    it has would all go to the others."""
    deadline = time.monotonic() + 60
    answer = "no answer"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{base_url}/health", timeout=2)
            if response.status_code == 200 and _started(log) >= workers:
                return
            answer = f"{response.status_code} {response.text}"
        except httpx.TransportError as error:
            answer = repr(error)
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:] if log is not None and log.exists() else ""
    raise RuntimeError(f"the server did not become healthy: {answer}\n{tail}")


def _started(log: Path | None) -> int:
    """How many workers have said their start-up is complete (all of them, without a log)."""
    if log is None:
        return sys.maxsize
    return log.read_text(errors="replace").count("Application startup complete")


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            pids += _tree(int(child))
    return pids


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
