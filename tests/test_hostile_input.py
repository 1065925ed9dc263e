"""Input meant to break the server gets a 4xx naming what is wrong, never a 500."""

from __future__ import annotations

import json
from typing import Any

from convene.accounts.roles import Role
from convene.text import ONE_LINE, PRINTABLE
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.meetings.conftest import bodies, create_session, session_fields  # noqa: F401 (fixtures)
from tests.web.conftest import BrowserFactory, browser_for  # noqa: F401 (fixtures)


async def test_json_nested_thousands_deep_is_refused_as_bad_input(
    client: AsyncTestClient[Litestar], secretariat: dict[str, str]
) -> None:
    depth = 20_000
    body = b'{"code":' * depth + b'"IRG"' + b"}" * depth
    answer = await client.post(
        "/api/bodies", content=body, headers=secretariat | {"content-type": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["errors"] == [{"field": "body", "message": "The JSON body is nested too deeply"}]


async def test_a_page_number_beyond_any_list_is_refused_naming_the_parameter(
    client: AsyncTestClient[Litestar],
) -> None:
    answer = await client.get("/api/sessions", params={"page": str(10**20)})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "page"
    assert (await client.get("/api/sessions", params={"page": "1000000"})).status_code == 200


async def test_a_control_character_in_the_url_is_refused_before_anything_reads_it(
    client: AsyncTestClient[Litestar], secretariat: dict[str, str]
) -> None:
    for url, field in (
        ("/api/sessions?body=%00IRG", "body"),
        ("/api/sessions?year=2020&q%0A=1", "q"),
        ("/?format=hy%1Bbrid", "format"),
        ("/calendar/personal/feed%00token/sittings.ics", "path"),
    ):
        answer = await client.get(url, headers=secretariat)
        assert answer.status_code == 400, url
        assert answer.json()["errors"] == [{"field": field, "message": "Control characters are not allowed"}]
    assert (await client.get("/api/sessions?body=IRG%20WG", headers=secretariat)).status_code == 200


async def test_control_characters_and_line_breaks_in_a_body_are_refused_naming_the_field(
    client: AsyncTestClient[Litestar], bodies: dict[str, str], create_session: Any
) -> None:
    refused = await client.patch("/api/bodies/IRG", json={"name": "Review\nGroup"}, headers=bodies)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "name"
    assert refused.json()["errors"][0]["message"] == ONE_LINE
    assert "regex" not in refused.text

    session = await create_session(parts=[{"body": "IRG", "number": 44}])
    for field, value in (("subject", "Asset recovery\r\n"), ("venue_name", "Hof\x00burg"),
                         ("city", "Vienna\x1b[31m"), ("subject", "x\\ud800")):  # a lone surrogate
        body = json.dumps({field: value}).replace("\\\\ud800", "\\ud800").encode()
        answer = await client.patch(f"/api/sessions/{session['id']}", content=body,
                                    headers=bodies | {"content-type": "application/json"})
        assert answer.status_code == 400, (field, value, answer.text)
        named = answer.json()["errors"][0]["field"]
        assert named == (field if "ud800" not in value else "body"), answer.text  # unreadable JSON

    item = await client.post(f"/api/sessions/{session['id']}/agenda/items", headers=bodies,
                             json={"title": "Other matters", "description": "First line\n\tSecond line"})
    assert item.status_code == 201, "a description has lines and may be indented"
    nul = await client.post(f"/api/sessions/{session['id']}/agenda/items", headers=bodies,
                            json={"title": "Other matters", "description": "Bad\x00byte"})
    assert nul.status_code == 400 and nul.json()["errors"][0]["message"] == PRINTABLE
    saved = (await client.get(f"/api/sessions/{session['id']}", headers=bodies)).json()
    assert saved["subject"] == "" and saved["venue_name"] != "Hof\x00burg"


async def test_a_form_field_with_a_control_character_is_refused_naming_it(
    browser_for: BrowserFactory,
) -> None:
    secretariat = await browser_for("officer@un.example", Role.SECRETARIAT)
    answer = await secretariat.post("/secretariat/sessions", {"subject": "Hof\x00burg"})
    assert answer.status_code == 400
    assert "subject" in answer.text and PRINTABLE in answer.text


async def test_numbers_and_dates_beyond_what_can_be_stored_are_refused_naming_the_field(
    client: AsyncTestClient[Litestar], bodies: dict[str, str], create_session: Any
) -> None:
    far = await client.post("/api/sessions", headers=bodies, json=session_fields(
        parts=[{"body": "IRG", "number": 45}], start_date="9999-12-31", end_date="9999-12-31"))
    assert far.status_code == 422 and far.json()["errors"][0]["field"] == "start_date"
    session = await create_session(parts=[{"body": "IRG", "number": 46}])
    for body, field in (({"room_capacity": 10**12}, "room_capacity"),
                        ({"in_person_quota": -1}, "in_person_quota"),
                        ({"parts": [{"body": "IRG", "number": 2**31}]}, "parts[0].number")):
        answer = await client.patch(f"/api/sessions/{session['id']}", json=body, headers=bodies)
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"][0]["field"] == field
    item = await client.post(f"/api/sessions/{session['id']}/documents", headers=bodies,
                             json={"symbol": "CAC/COSP/IRG/2020/1", "title": "Agenda", "agenda_item_id": 2**31})
    assert item.status_code == 400 and item.json()["errors"][0]["field"] == "agenda_item_id"
