"""The seventh session of the Conference (Vienna, 6–10 November 2017), its agenda, and focal points of States."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.entities.tables import Entity
from tests.meetings.conftest import bodies, create_session, registry  # noqa: F401 (fixtures used here)

ADDRESSEE = "The Conference of the States Parties to the United Nations Convention against Corruption,"


async def entity_id(short_name: str) -> int:
    row = await Entity.select(Entity.id).where(Entity.short_name == short_name).first()
    assert row, f"no entity {short_name!r} in the registry"
    return int(row["id"])


@pytest.fixture
async def cosp(client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]) -> dict[str, Any]:
    """The Conference's seventh session with a two-item agenda; ``item`` is item 2's id."""
    session = await create_session(
        parts=[{"body": "COSP", "number": 7}], start_date="2017-11-06", end_date="2017-11-10",
        symbol_prefix="CAC/COSP/2017", city="Vienna",
    )
    item_ids = []
    for title in ("Organizational matters", "Review of implementation of the United Nations Convention against Corruption"):
        response = await client.post(f"/api/sessions/{session['id']}/agenda/items", json={"title": title}, headers=bodies)
        assert response.status_code == 201, response.text
        item_ids.append(next(i["id"] for i in response.json()["items"] if i["title"] == title))
    return session | {"item": item_ids[1]}


@pytest.fixture
def focal_point(make_account_headers: Any, registry: None):  # type: ignore[no-untyped-def]
    """``await focal_point("Brazil")``: headers of that State's focal point (made once per State)."""
    made: dict[str, dict[str, str]] = {}

    async def of(state: str) -> dict[str, str]:
        if state not in made:
            email = f"focal@{state.lower().replace(' ', '-')}.example"
            made[state] = await make_account_headers(email, Role.FOCAL_POINT, await entity_id(state))
        return made[state]

    return of


@pytest.fixture
def propose(client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str]):  # type: ignore[no-untyped-def]
    """``await propose(sponsors=[...], **fields)``: a draft registered by the secretariat, as returned."""

    async def create(sponsors: list[str] = (), **fields: Any) -> dict[str, Any]:  # type: ignore[assignment]
        body = {"kind": "resolution", "title": "Strengthening asset recovery", "agenda_item_id": cosp["item"],
                "sponsor_ids": [await entity_id(s) for s in sponsors],
                "text": {"addressee": ADDRESSEE, "paragraphs": [
                    {"kind": "preambular", "opening": "Recalling", "text": "its resolution 6/2,"},
                    {"kind": "operative", "opening": "Urges", "text": "States parties to act."}]}} | fields
        response = await client.post(f"/api/sessions/{cosp['id']}/proposals", json=body, headers=bodies)
        assert response.status_code == 201, response.text
        return response.json()

    return create
