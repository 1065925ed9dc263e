"""The list's viewers hear each version once and in order; one that comes back with
``Last-Event-ID`` is sent what it missed. And the pages: the console acts on the version it
shows, the display is public, a delegate's page works from their link."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from httpx import AsyncClient

from tests.speakers.world import act, ask, enter, open_floor
from tests.web.conftest import Browser

pytestmark = pytest.mark.timeout(120)


async def _messages(response: httpx.Response) -> AsyncIterator[tuple[int, dict[str, Any]]]:
    version = None
    async for line in response.aiter_lines():
        if line.startswith("id:"):
            version = int(line.removeprefix("id:").strip())
        elif line.startswith("data:") and version is not None:
            yield version, json.loads(line.removeprefix("data:"))
            version = None


async def _read(http: httpx.AsyncClient, path: str, count: int, **headers: str) -> list[tuple[int, dict[str, Any]]]:
    found: list[tuple[int, dict[str, Any]]] = []
    async with http.stream("GET", path, headers=headers) as response:
        assert response.status_code == 200
        async for message in _messages(response):
            found.append(message)
            if len(found) == count:
                return found
    return found


async def test_a_viewer_gets_the_current_version_then_each_new_one_and_after_a_break_what_it_missed(
    served: str, client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    await enter(client, floor, "Austria")
    await ask(client, floor, "Austria")
    path = f"/api/speaker-lists/{floor.list_id}/events"
    async with httpx.AsyncClient(base_url=served, timeout=30) as http:
        first = await _read(http, path, 1)
        seen = first[0][0]
        assert first[0][1]["next"][0]["entity"] == "Austria"
        await act(client, floor, "call")  # while no one listens
        await ask(client, floor, "Egypt")
        back = await _read(http, path, 2, **{"Last-Event-ID": str(seen)})
    assert [version for version, _ in back] == [seen + 1, seen + 2]
    assert back[0][1]["current"]["entity"] == "Austria"
    assert [entry["entity"] for entry in back[1][1]["next"]] == ["Egypt"]


async def test_the_console_acts_on_the_version_it_shows_and_a_stale_page_is_told(
    client: AsyncClient, bodies: dict[str, str], registry: None, officer: Browser
) -> None:
    floor = await open_floor(client, bodies)
    await enter(client, floor, "Austria")
    await ask(client, floor, "Austria")
    await ask(client, floor, "Egypt")
    page = await officer.get(f"/secretariat/speakers/{floor.list_id}")
    assert "Austria" in page.text and "No one of Egypt is in the room" in page.text
    version = (await client.get(f"/api/speaker-lists/{floor.list_id}")).json()["version"]
    form = {"version": str(version)}
    called = await officer.post(f"/secretariat/speakers/{floor.list_id}/call", form)
    assert called.status_code == 200 and "Ms. Given" in called.text
    again = await officer.post(f"/secretariat/speakers/{floor.list_id}/call", form)
    assert again.status_code == 409
    assert "The list has changed since your screen showed it" in again.text

    display = await client.get(f"/speakers/{floor.list_id}/display")
    assert display.status_code == 200 and "Austria" in display.text
