"""A session's bureau: one presiding officer, each officer from a State."""

from __future__ import annotations

from typing import Any

from convene.entities.tables import Entity
from httpx import AsyncClient


async def _entity_id(short_name: str) -> int:
    return (await Entity.select(Entity.id).where(Entity.short_name == short_name).first())["id"]


async def test_the_bureau_lists_the_chair_first_with_their_state(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], registry: None
) -> None:
    session = await create_session()
    url = f"/api/sessions/{session['id']}/officers"
    rapporteur = {
        "role": "rapporteur",
        "name": "Maria Gonzalez",
        "entity_id": await _entity_id("Mexico"),
    }
    chair = {
        "role": "chair",
        "honorific": "H.E. Mr.",
        "name": "Harib Saeed Al Amimi",
        "entity_id": await _entity_id("United Arab Emirates"),
    }
    assert (await client.post(url, json=rapporteur, headers=bodies)).status_code == 201
    assert (await client.post(url, json=chair, headers=bodies)).status_code == 201
    bureau = (await client.get(url)).json()
    assert [(o["role_label"], o["name"], o["state"]) for o in bureau] == [
        ("Chair", "Harib Saeed Al Amimi", "United Arab Emirates"),
        ("Rapporteur", "Maria Gonzalez", "Mexico"),
    ]


async def test_a_session_has_one_presiding_officer(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], registry: None
) -> None:
    session = await create_session()
    url = f"/api/sessions/{session['id']}/officers"
    first = await client.post(url, json={"role": "president", "name": "A. Person"}, headers=bodies)
    assert first.status_code == 201
    second = await client.post(url, json={"role": "chair", "name": "B. Person"}, headers=bodies)
    assert second.status_code == 409
    assert second.json()["errors"][0]["field"] == "role"
    vice = await client.post(url, json={"role": "vice_chair", "name": "B. Person"}, headers=bodies)
    promoted = await client.patch(
        f"/api/officers/{vice.json()['id']}", json={"role": "chair"}, headers=bodies
    )
    assert promoted.status_code == 409


async def test_an_officer_comes_from_a_state(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], registry: None
) -> None:
    session = await create_session()
    response = await client.post(
        f"/api/sessions/{session['id']}/officers",
        json={
            "role": "rapporteur",
            "name": "X",
            "entity_id": await _entity_id("Transparency International"),
        },
        headers=bodies,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "entity_id"
