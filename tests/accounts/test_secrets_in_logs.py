"""No secret reaches the server's log: one-time links, personal calendar links, API tokens.

Uses a real ``convene serve`` whose whole output is read back after every kind of
link has been followed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from convene.accounts.roles import Role
from convene.mail.tables import OutboxMessage
from convene.settings import Settings
from tests.accounts.conftest import Entities, csrf_of, make_person
from tests.conftest import free_port, wait_until_healthy


@pytest.fixture
def logging_server(app: Any, settings: Settings, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A one-worker server on the test's database, its stdout and stderr kept in a file."""
    log = tmp_path / "server.log"
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": settings.database_url,
        "CONVENE_VAR_DIR": str(settings.var_dir),
        "BASE_URL": settings.base_url,
        "CONVENE_ENV": "test",
        "MAIL_POLL_SECONDS": "0",
        "REDIS_URL": "",
    }
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "convene.cli", "serve", "--port", str(port)],
            env=env, stdout=output, stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(server, base_url)
            yield base_url, log
        finally:
            server.terminate()
            server.wait(timeout=30)


async def _newest_link_token(path: str) -> str:
    message = await OutboxMessage.select(OutboxMessage.text).order_by(OutboxMessage.id, ascending=False).first()
    found = re.search(rf"{re.escape(path)}\?token=([\w-]+)", message["text"])
    assert found, message["text"]
    return found.group(1)


async def test_following_every_kind_of_link_leaves_no_secret_in_the_log(
    logging_server: tuple[str, Path], make_account_headers: Any, entities: Entities,
    web: AsyncTestClient[Litestar],
) -> None:
    base_url, log = logging_server
    officer = await make_account_headers("officer@unodc.test", Role.SECRETARIAT)
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    secrets = [officer["Authorization"].removeprefix("Bearer ")]
    with httpx.Client(base_url=base_url, timeout=10) as browser:
        invited = browser.post(
            "/api/invitations", headers=officer,
            json={"email": "focal@brazil.example", "full_name": "Mr. Silva", "role": "focal_point", "entity_id": entities.b},
        )
        assert invited.status_code == 201, invited.text
        secrets.append(await _newest_link_token("/accept-invitation"))
        assert browser.get(f"/accept-invitation?token={secrets[-1]}").status_code == 200

        form = await web.get("/password-reset")  # asked in-process: the request carries no secret
        await web.post("/password-reset", data={"email": "delegate@austria.example", "_csrf_token": csrf_of(form.text)})
        secrets.append(await _newest_link_token("/password-reset/confirm"))
        assert browser.get(f"/password-reset/confirm?token={secrets[-1]}").status_code == 200

        feed = browser.get("/api/me/calendar-feed", headers=officer).json()["url"]
        secrets.append(feed.split("/calendar/personal/")[1].split("/")[0])
        assert browser.get(feed.replace("http://convene.test", "")).status_code == 200

    time.sleep(0.5)  # the log is written by a queue listener thread
    output = log.read_text()
    assert '"path":"/api/invitations"' in output  # requests are logged...
    for secret in secrets:
        assert secret not in output  # ...but never a secret
