"""Servers that stream for real, a session to watch, and a reader of its event stream.

Litestar's test client hands back a response only once it has ended, and runs
the app in a loop of its own; watching a stream while making changes needs a
real HTTP server. ``served`` runs the test's app in uvicorn, in the test's own
event loop (one worker: channels in memory); ``live_server`` (tests/conftest.py)
runs ``convene serve`` with two worker processes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from litestar import Litestar

from tests.conftest import free_port
from tests.delegations.conftest import austria, registry, session  # noqa: F401 (fixtures)
from tests.meetings.conftest import BODIES, bodies, create_session, session_fields  # noqa: F401


@pytest.fixture
async def served(app: Litestar) -> AsyncIterator[str]:
    """The test's app behind a real HTTP server, in this event loop; yields its base URL."""
    port = free_port()
    # The ``app`` fixture runs the app's lifespan in this loop already.
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    async with asyncio.timeout(30):
        while not server.started:
            assert not serving.done(), "uvicorn stopped before it started"
            await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, 30)


@dataclass(frozen=True)
class Scene:
    """A scheduled session with one delegation open, on a server at ``base_url``."""

    base_url: str
    session_id: int
    delegation_id: int


async def open_scene(
    base_url: str, secretariat: dict[str, str], focal_point: dict[str, str]
) -> Scene:
    """Through the API, as people would: a body, a session, the focal point's delegation."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        name, short_name, prefix = BODIES["IRG"]
        body = {"code": "IRG", "name": name, "short_name": short_name, "symbol_prefix": prefix}
        created = await http.post("/api/bodies", json=body, headers=secretariat)
        assert created.status_code == 201, created.text
        fields = session_fields(
            parts=[{"body": "IRG", "number": 40}], start_date="2099-08-31", end_date="2099-09-02"
        )
        session = await http.post("/api/sessions", json=fields, headers=secretariat)
        assert session.status_code == 201, session.text
        session_id = session.json()["id"]
        delegation = await http.post(
            f"/api/sessions/{session_id}/delegations", json={}, headers=focal_point
        )
        assert delegation.status_code == 201, delegation.text
    return Scene(base_url, session_id, delegation.json()["id"])


class EventStream:
    """The messages of one open event stream, read as they arrive."""

    def __init__(self, response: httpx.Response) -> None:
        self._lines = response.aiter_lines()

    async def next(self, seconds: float = 15) -> dict[str, Any]:
        """The next message's JSON; fails if none comes within ``seconds``."""
        return await asyncio.wait_for(self._next(), seconds)

    async def _next(self) -> dict[str, Any]:
        data: list[str] = []
        async for line in self._lines:
            if line.startswith("data:"):
                data.append(line.removeprefix("data:").strip())
            elif not line and data:
                return json.loads("\n".join(data))
        raise AssertionError("the stream closed")


@asynccontextmanager
async def listening(
    scene: Scene, headers: dict[str, str], timeout: float = 60
) -> AsyncIterator[EventStream]:
    """The session's event stream, open and listening (its ``ready`` message read)."""
    async with httpx.AsyncClient(base_url=scene.base_url, headers=headers, timeout=30) as http:
        path = f"/api/sessions/{scene.session_id}/events"
        async with http.stream("GET", path, params={"timeout": timeout}) as response:
            assert response.status_code == 200, await response.aread()
            assert response.headers["content-type"].startswith("text/event-stream")
            stream = EventStream(response)
            assert await stream.next() == {"kind": "ready"}
            yield stream
