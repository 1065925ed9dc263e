"""Public pages answer conditional requests, and every change a page shows reaches it at once."""

from __future__ import annotations

import time
from typing import Any

import pytest
from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.meetings.tables import Session

from tests.web.conftest import BrowserFactory, text_of


async def _fetch(client: AsyncClient, path: str, etag: str | None = None) -> Any:
    return await client.get(path, headers={"if-none-match": etag} if etag else {})


async def test_a_visitor_who_holds_the_page_gets_a_304_until_it_changes(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session(parts=[{"body": "IRG", "number": 41}])
    for path in ("/", f"/sessions/{session['id']}"):
        first = await _fetch(client, path)
        assert first.status_code == 200
        assert first.headers["cache-control"] == "public, no-cache"
        assert first.headers["vary"] == "Accept-Encoding, Accept-Language, Cookie"
        again = await _fetch(client, path, first.headers["etag"])
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == first.headers["etag"]

    await client.patch(f"/api/sessions/{session['id']}", json={"subject": "Asset recovery"}, headers=bodies)
    for path in ("/", f"/sessions/{session['id']}"):
        changed = await _fetch(client, path, first.headers["etag"])
        assert changed.status_code == 200, path


async def test_every_change_the_session_page_shows_changes_it(
    client: AsyncClient,
    create_session: Any,
    bodies: dict[str, str],
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    sid = session["id"]
    path = f"/sessions/{sid}"
    etag = (await _fetch(client, path)).headers["etag"]

    async def shows(text: str) -> None:
        nonlocal etag
        answer = await _fetch(client, path, etag)
        assert answer.status_code == 200, f"still 304 after a change that shows {text!r}"
        assert text in text_of(answer.text)
        etag = answer.headers["etag"]

    await client.patch(f"/api/sessions/{sid}", json={"venue_name": "Hofburg"}, headers=bodies)
    await shows("Hofburg")
    await client.patch("/api/bodies/IRG", json={"name": "Review Group of the Convention"}, headers=bodies)
    await shows("Review Group of the Convention")
    item = (await client.post(f"/api/sessions/{sid}/agenda/items", json={"title": "Asset recovery"},
                              headers=bodies)).json()["items"][0]["id"]
    await shows("Asset recovery")
    await client.post(f"/api/sessions/{sid}/documents", headers=bodies,
                      json={"symbol": "CAC/COSP/IRG/2099/2", "title": "Annotated agenda", "agenda_item_id": item})
    await shows("Annotated agenda")
    sitting = (await client.post(f"/api/sessions/{sid}/sittings", headers=bodies, json={
        "starts_at": "2099-08-31T10:00", "ends_at": "2099-08-31T13:00", "room": "Plenary Hall M"})).json()
    await shows("Plenary Hall M")
    await client.patch(f"/api/sittings/{sitting['id']}", json={"room": "Board Room B"}, headers=bodies)
    await shows("Board Room B")
    await client.post(f"/api/sessions/{sid}/officers", headers=bodies,
                      json={"role": "chair", "name": "Maria Reyes", "honorific": "Ms."})
    await shows("Maria Reyes")

    delegation = await open_delegation(sid, austria)
    registration = (await register(delegation["id"], austria, given_name="Gregor",
                                   family_name="Koessler", is_head=True)).json()
    await client.post(f"/api/registrations/{registration['id']}/approval", headers=bodies)
    await client.patch(f"/api/sessions/{sid}", json={"participants_published": True}, headers=bodies)
    await shows("Gregor KOESSLER")
    austria_id = delegation["entity_id"]
    renamed = await client.patch(f"/api/entities/{austria_id}", json={"short_name": "Österreich"}, headers=bodies)
    assert renamed.status_code == 200, renamed.text
    await shows("Österreich")


async def test_a_kept_page_travels_gzipped_once_and_signed_in_people_get_their_own(
    client: AsyncClient, create_session: Any, browser_for: BrowserFactory
) -> None:
    session = await create_session(parts=[{"body": "IRG", "number": 42}])
    path = f"/sessions/{session['id']}"
    plain = await client.get(path, headers={"accept-encoding": "identity"})
    zipped = await client.get(path, headers={"accept-encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.text == plain.text  # decoded by the client
    assert int(zipped.headers["content-length"]) < len(plain.content)

    secretariat = await browser_for("officer@un.example", Role.SECRETARIAT)
    mine = await secretariat.get(path)
    assert mine.status_code == 200 and "etag" not in mine.headers
    assert mine.headers["cache-control"] == "no-store"
    assert "Manage this session" in mine.text and "Manage this session" not in plain.text


async def test_a_filter_that_makes_no_sense_is_never_kept(client: AsyncClient) -> None:
    answer = await client.get("/", params={"year": "next"})
    assert answer.status_code == 400 and "etag" not in answer.headers


async def test_a_change_made_by_another_worker_reaches_visitors_within_its_memo_time(
    app: Any, client: AsyncClient, create_session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = await create_session(parts=[{"body": "IRG", "number": 43}])
    path = f"/sessions/{session['id']}"
    assert (await client.get(path)).status_code == 200
    # Another worker's change: in the database, with no event in this process.
    await Session.update({Session.venue_name: "Hofburg Congress Centre"}).where(Session.id == session["id"])
    assert "Hofburg" not in (await client.get(path)).text, "answered from memory"

    memo = app.runtime.pages.memo
    monkeypatch.setattr(memo, "clock", lambda: time.monotonic() + memo.fresh_for + 0.01)
    assert "Hofburg Congress Centre" in (await client.get(path)).text
