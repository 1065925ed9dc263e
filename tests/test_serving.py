"""``convene serve`` as shipped: one worker on SQLite (and it says so), and a client's address
taken from X-Forwarded-For only when the proxy sending it is configured."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from convene.accounts.roles import Role
from convene.accounts.tables import SignInFailure
from tests.accounts.conftest import make_person
from tests.conftest import Databases, free_port, wait_until_healthy

pytestmark = pytest.mark.timeout(120)
ON_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
"""The app of the tests that read the server's database: the server's own, SQLite (one process: quick)."""

PERSON = "officer@unodc.test"
PROXY = "127.0.0.2"
"""The reverse proxy the server is told about: this machine's second loopback address."""


@pytest.fixture(scope="module")
def server(
    databases: Databases, var_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """``convene serve --workers 3`` on SQLite behind a proxy at ``PROXY``; stopped by SIGTERM."""
    database_url = databases.url("sqlite")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"} | {
        "DATABASE_URL": database_url,
        "CONVENE_VAR_DIR": str(var_dir),
        "CONVENE_ENV": "test",
        "MAIL_POLL_SECONDS": "0",
        "REDIS_URL": "",
        "FORWARDED_ALLOW_IPS": PROXY,
    }
    log = tmp_path_factory.mktemp("serve") / "server.log"
    command = [sys.executable, "-m", "convene.cli", "serve", "--port", str(port), "--workers", "3"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
        try:
            wait_until_healthy(process, f"http://127.0.0.1:{port}")
            yield Server(process, f"http://127.0.0.1:{port}", log)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base_url: str
    log: Path


def children(pid: int) -> list[str]:
    tasks = Path(f"/proc/{pid}/task").glob("*/children")
    return [child for task in tasks for child in task.read_text().split()]


def wrong_password(base_url: str, forwarded_for: str, through: str = "127.0.0.1") -> int:
    """A wrong password sent from ``through``, claiming to be forwarded for ``forwarded_for``."""
    transport = httpx.HTTPTransport(local_address=through)
    headers = {"X-Forwarded-For": forwarded_for}
    with httpx.Client(base_url=base_url, headers=headers, transport=transport) as http:
        form = http.get("/sign-in")
        token = re.search(r'name="_csrf_token" value="([^"]+)"', form.text)
        assert token is not None
        # The CSRF cookie is Secure outside development: sent back by hand over plain HTTP.
        cookies = "; ".join(f"{name}={value}" for name, value in form.cookies.items())
        answer = http.post(
            "/sign-in",
            data={"email": PERSON, "password": "not the password", "_csrf_token": token.group(1)},
            headers={"Cookie": cookies},
        )
    return answer.status_code


async def _sources() -> list[str]:
    return sorted(row["ip_address"] for row in await SignInFailure.select(SignInFailure.ip_address))


@ON_SQLITE
async def test_on_sqlite_it_serves_with_one_worker_and_says_so(app: object, server: Server) -> None:
    assert children(server.process.pid) == []  # uvicorn serves in this one process
    output = server.log.read_text()
    assert "SQLite: serving with 1 worker, not 3." in output
    assert "use PostgreSQL" in output


@ON_SQLITE
async def test_a_forwarded_address_is_believed_only_from_the_configured_proxy(
    app: object, server: Server
) -> None:
    await make_person(PERSON, Role.SECRETARIAT)
    assert wrong_password(server.base_url, "203.0.113.9") == 400  # straight from 127.0.0.1
    assert wrong_password(server.base_url, "198.51.100.4", through=PROXY) == 400
    assert await _sources() == ["127.0.0.1", "198.51.100.4"]


def test_sigterm_stops_it_with_status_0(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=10) == 0
