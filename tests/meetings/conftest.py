"""Bodies and sessions created through the API, as the secretariat would."""

from __future__ import annotations

from typing import Any

import pytest
from convene.entities.services import sync_registry
from httpx import AsyncClient

BODIES = {
    "IRG": ("Implementation Review Group", "Review Group", "CAC/COSP/IRG"),
    "WGP": (
        "Working Group on the Prevention of Corruption",
        "Prevention Working Group",
        "CAC/COSP/WG.4",
    ),
    "COSP": (
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "Conference",
        "CAC/COSP",
    ),
}


@pytest.fixture
async def bodies(client: AsyncClient, secretariat: dict[str, str]) -> dict[str, str]:
    for code, (name, short_name, prefix) in BODIES.items():
        admitted = ["state_party", "signatory", "reio", "observer_state", "un_entity", "igo"]
        if code != "IRG":
            admitted.append("ngo")
        response = await client.post(
            "/api/bodies",
            json={
                "code": code,
                "name": name,
                "short_name": short_name,
                "symbol_prefix": prefix,
                "admitted_categories": admitted,
            },
            headers=secretariat,
        )
        assert response.status_code == 201, response.text
    return secretariat


@pytest.fixture
async def registry(app: Any) -> None:
    await sync_registry()


def session_fields(**overrides: Any) -> dict[str, Any]:
    """A hybrid IRG session in Vienna, 31 August to 2 September 2020, unless overridden."""
    return {
        "parts": [{"body": "IRG", "kind": "regular", "number": 11}],
        "start_date": "2020-08-31",
        "end_date": "2020-09-02",
        "timezone": "Europe/Vienna",
        "venue_name": "Vienna International Centre",
        "city": "Vienna",
        "format": "hybrid",
        "symbol_prefix": "CAC/COSP/IRG/2020",
        "status": "scheduled",
    } | overrides


@pytest.fixture
def create_session(client: AsyncClient, bodies: dict[str, str]):  # type: ignore[no-untyped-def]
    async def create(**overrides: Any) -> dict[str, Any]:
        response = await client.post(
            "/api/sessions", json=session_fields(**overrides), headers=bodies
        )
        assert response.status_code == 201, response.text
        return response.json()

    return create
