"""With REDIS_URL, a stream hears every change, whichever worker process handled it."""

from __future__ import annotations

import asyncio
import dataclasses
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
from convene.settings import Settings

from tests.delegations.conftest import person
from tests.live.conftest import EventStream, listening, open_scene

PEOPLE = 4


@pytest.fixture
def settings(settings: Settings, redis_url: str) -> Settings:
    """The run's settings with Redis: ``live_server`` passes it on to its two workers.

    Public pages are kept unasked for a minute: only the announcement of a change can make
    a worker show it within a test.
    """
    return dataclasses.replace(settings, redis_url=redis_url, page_memo_seconds=60)


@pytest.mark.timeout(120)
async def test_streams_hear_every_change_whichever_worker_made_it(
    live_server: str, secretariat: dict[str, str], austria: dict[str, str]
) -> None:
    scene = await open_scene(live_server, secretariat, austria)
    registrations = f"/api/delegations/{scene.delegation_id}/registrations"
    async with AsyncExitStack() as stack:
        # Two streams and every change on connections of their own, so that the two workers
        # share them out: without Redis, a stream would hear only its own worker's changes.
        streams = [await stack.enter_async_context(listening(scene, secretariat)) for _ in "ab"]
        made = []
        for _ in range(PEOPLE):
            someone = person("online_listening")  # no quota: every registration holds a place
            registered = await _post(live_server, registrations, austria, someone)
            made.append((registered["id"], "submitted"))
            await _post(live_server, f"/api/registrations/{registered['id']}/approval", secretariat)
            made.append((registered["id"], "approved"))
        heard = await asyncio.gather(*(_changes(stream, len(made)) for stream in streams))
    assert heard == [made, made]


async def _post(base_url: str, path: str, headers: dict[str, str], json: Any = None) -> Any:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        response = await http.post(path, json=json, headers=headers)
    assert response.status_code in {200, 201}, response.text
    return response.json()


async def _changes(stream: EventStream, count: int) -> list[tuple[int, str]]:
    events = [await stream.next(30) for _ in range(count)]
    return [(event["registration_id"], event["change"]) for event in events]


@pytest.mark.timeout(120)
async def test_a_public_page_changed_through_one_worker_is_new_on_every_worker(
    live_server: str, secretariat: dict[str, str], austria: dict[str, str]
) -> None:
    """Each worker keeps the page it last gave a visitor; a change on one is announced to all."""
    scene = await open_scene(live_server, secretariat, austria)
    page = f"/sessions/{scene.session_id}"
    for _ in range(8):  # connections of their own: both workers give (and keep) the page
        assert "Hofburg" not in await _visit(live_server, page)
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as http:
        answer = await http.patch(f"/api/sessions/{scene.session_id}", json={"venue_name": "Hofburg"},
                                  headers=secretariat)
    assert answer.status_code == 200, answer.text
    seen = [("Hofburg" in await _visit(live_server, page)) for _ in range(8)]
    assert all(seen), seen  # well within the minute a worker keeps a page unasked


async def _visit(base_url: str, path: str) -> str:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        return (await http.get(path)).text
