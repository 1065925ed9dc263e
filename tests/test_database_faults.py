"""PostgreSQL dropping the app's connections mid-request: 503s (never 500s), reads tried again,
the pool recovers, and the server still stops at once on SIGTERM. A real server, two workers."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest

from convene.accounts.roles import Role
from convene.accounts.tables import Account
from convene.db import lock_key
from convene.settings import Settings
from tests.conftest import free_port, wait_until_healthy

pytestmark = [
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),  # PostgreSQL's faults
    pytest.mark.timeout(180),
]

APPLICATION = "convene-faults"
"""The server's connections say so (``application_name``): only they are killed, not the test's."""
STOPS_WITHIN_SECONDS = 10


@pytest.fixture
def server(
    app: object, settings: Settings, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """``convene serve --workers 2`` on the test's database, in a process group of its own."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": f"{settings.database_url}?application_name={APPLICATION}",
        "CONVENE_VAR_DIR": str(settings.var_dir),
        "BASE_URL": settings.base_url,
        "CONVENE_ENV": "test",
        "MAIL_POLL_SECONDS": "0",
        "REDIS_URL": "",
    }
    command = [sys.executable, "-m", "convene.cli", "serve", "--port", str(port), "--workers", "2"]
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
    try:
        wait_until_healthy(process, f"http://127.0.0.1:{port}")
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # only if it did not stop as it should
            process.wait(timeout=30)
        log.close()


@asynccontextmanager
async def holding(database_url: str, sql: str) -> AsyncIterator[asyncpg.Connection]:
    """A transaction of the test's own that holds a lock (``sql``) until the block ends."""
    connection = await asyncpg.connect(database_url)
    try:
        transaction = connection.transaction()
        await transaction.start()
        await connection.execute(sql)
        yield connection
        await transaction.rollback()
    finally:
        await connection.close()


async def waiting_backends(admin: asyncpg.Connection) -> int:
    return int(
        await admin.fetchval(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE application_name = $1 AND wait_event_type = 'Lock'",
            APPLICATION,
        )
    )


async def until(check: Callable[[], Awaitable[bool]], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.02)
    return False


async def kill_server_connections(admin: asyncpg.Connection) -> int:
    return len(
        await admin.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            APPLICATION,
        )
    )


def is_problem_503(response: httpx.Response) -> bool:
    return (
        response.status_code == 503
        and response.headers["content-type"].startswith("application/problem+json")
        and response.json()["status"] == 503
        and response.headers.get("retry-after") == "1"
    )


async def test_lost_connections_answer_503_then_recover_and_the_server_stops_on_sigterm(
    server: tuple[subprocess.Popen[bytes], str],
    settings: Settings,
    make_account_headers: Callable[..., Awaitable[dict[str, str]]],
) -> None:
    process, base_url = server
    officer = await make_account_headers("officer@unodc.test", Role.SECRETARIAT)
    account_id = (await Account.select(Account.id).first())["id"]
    admin = await asyncpg.connect(settings.database_url)
    database = settings.database_url
    tokens_lock = f"SELECT pg_advisory_xact_lock({lock_key(f'tokens:{account_id}')})"
    async with httpx.AsyncClient(base_url=base_url, headers=officer, timeout=30) as http:
        try:
            for _ in range(4):  # both workers have pooled connections
                assert (await http.get("/api/me")).status_code == 200

            # A write whose connection is killed inside its transaction: 503, nothing half-done.
            async with holding(database, tokens_lock):
                write = asyncio.create_task(http.post("/api/me/tokens", json={"name": "killed"}))
                assert await until(lambda: _some_waiting(admin)), "the write never reached its lock"
                assert await kill_server_connections(admin) >= 1
            answer = await write
            assert is_problem_503(answer), (answer.status_code, answer.text)

            # A read whose connection is killed mid-query is tried again on a fresh one: 200.
            async with holding(database, "LOCK TABLE api_token IN ACCESS EXCLUSIVE MODE"):
                read = asyncio.create_task(http.get("/api/me"))
                assert await until(lambda: _some_waiting(admin)), "the read never reached the lock"
                await kill_server_connections(admin)
                await until(lambda: _some_waiting(admin), seconds=5)  # its second try
            answer = await read
            assert answer.status_code == 200, answer.text

            # Connections killed again and again under load: every answer is 2xx or a 503 problem.
            answers = await _under_fire(http, admin)
            wrong = [a for a in answers if a.status_code >= 300 and not is_problem_503(a)]
            assert not wrong, [(a.status_code, a.text[:100]) for a in wrong]

            # The pool has recovered: the next requests simply work.
            assert [(await http.get("/api/me")).status_code for _ in range(6)] == [200] * 6
            assert (await http.post("/api/me/tokens", json={"name": "after"})).status_code == 201
            assert (await http.patch("/api/me", json={"phone": "+43 1 26060"})).status_code == 200

            # SIGTERM while a request is stuck in the database: it is cut off with a 503, and the
            # server stops within 10 s all the same.
            async with holding(database, tokens_lock):
                stuck = asyncio.create_task(http.post("/api/me/tokens", json={"name": "stuck"}))
                assert await until(lambda: _some_waiting(admin)), "the write never reached its lock"
                started = time.monotonic()
                process.send_signal(signal.SIGTERM)
                stopped = await until(lambda: _stopped(process), seconds=STOPS_WITHIN_SECONDS)
                took = time.monotonic() - started
            assert stopped, f"the server did not stop within {STOPS_WITHIN_SECONDS} s of SIGTERM"
            assert process.returncode == 0
            answer = await stuck
            assert is_problem_503(answer), (answer.status_code, answer.text)
            assert took < STOPS_WITHIN_SECONDS
        finally:
            await admin.close()


async def _stopped(process: subprocess.Popen[bytes]) -> bool:
    return process.poll() is not None


async def _some_waiting(admin: asyncpg.Connection) -> bool:
    return await waiting_backends(admin) > 0


async def _under_fire(http: httpx.AsyncClient, admin: asyncpg.Connection) -> list[httpx.Response]:
    """Reads and writes, eight at a time, while the server's connections are killed three times."""

    async def request(n: int) -> httpx.Response:
        if n % 4 == 0:
            return await http.patch("/api/me", json={"phone": f"+43 1 {n:05d}"})
        return await http.get("/api/me/tokens" if n % 2 else "/api/me")

    async def killer() -> None:
        for _ in range(3):
            await asyncio.sleep(0.15)
            await kill_server_connections(admin)

    gate = asyncio.Semaphore(8)

    async def gated(n: int) -> httpx.Response:
        async with gate:
            return await request(n)

    answers, _ = await asyncio.gather(asyncio.gather(*(gated(n) for n in range(60))), killer())
    return list(answers)
