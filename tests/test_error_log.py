"""An unexpected error answers problem details and is logged once, as data, with its traceback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from litestar import get
from litestar.testing import AsyncTestClient

from convene.app import create_app
from convene.settings import Settings


@get("/explode", sync_to_thread=False)
def explode() -> None:
    password = "never-in-a-log"  # a local variable that the log must not show
    raise ValueError(f"broken after reading {len(password)} characters")


def _logged_errors(stderr: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("level") == "error"]


async def test_an_unexpected_error_is_logged_once_with_its_traceback(
    settings: Settings, capfd: pytest.CaptureFixture[str], logging_put_back: None
) -> None:
    app = create_app(settings)  # JSON lines: the tests run without a terminal
    app.register(explode)
    async with AsyncTestClient(app=app) as client:
        response = await client.get("/explode")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "broken" not in response.text  # the client learns nothing of the internals

    stderr = capfd.readouterr().err
    assert "Unsupported type" not in stderr  # the traceback could not be encoded before
    [logged] = _logged_errors(stderr)
    assert logged["event"] == "unhandled error on GET /explode"
    exception = logged["exception"][0]
    assert exception["exc_type"] == "ValueError"
    assert any(frame["name"] == "explode" for frame in exception["frames"])
    assert "never-in-a-log" not in stderr
