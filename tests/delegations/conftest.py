"""A scheduled hybrid session, the States' registry, and their focal points."""

from __future__ import annotations

from typing import Any

import pytest
from convene.accounts.roles import Role
from convene.entities.tables import Entity
from tests.meetings.conftest import bodies, create_session, registry  # noqa: F401 (fixtures used here)
from httpx import AsyncClient



async def entity_id(short_name: str) -> int:
    return (await Entity.select(Entity.id).where(Entity.short_name == short_name).first())["id"]


@pytest.fixture
async def session(create_session: Any, registry: None) -> dict[str, Any]:
    return await create_session(
        parts=[{"body": "IRG", "number": 40}],
        start_date="2099-08-31",
        end_date="2099-09-02",
        room_capacity=4,
    )


@pytest.fixture
async def austria(make_account_headers: Any, registry: None) -> dict[str, str]:
    """The focal point at the Permanent Mission of Austria."""
    return await make_account_headers(
        "focal@austria.test", Role.FOCAL_POINT, await entity_id("Austria")
    )


@pytest.fixture
async def kenya(make_account_headers: Any, registry: None) -> dict[str, str]:
    return await make_account_headers(
        "focal@kenya.test", Role.FOCAL_POINT, await entity_id("Kenya")
    )


@pytest.fixture
def open_delegation(client: AsyncClient):  # type: ignore[no-untyped-def]
    async def open_for(session_id: int, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
        response = await client.post(
            f"/api/sessions/{session_id}/delegations", json=fields, headers=headers
        )
        assert response.status_code == 201, response.text
        return response.json()

    return open_for


_counter = iter(range(1, 10_000))


def person(mode: str = "in_person", **fields: Any) -> dict[str, Any]:
    n = next(_counter)
    return {
        "given_name": f"Given{n}",
        "family_name": f"Family{n}",
        "email": f"person{n}@mission.test",
        "honorific": "Ms.",
        "mode": mode,
    } | fields


@pytest.fixture
def register(client: AsyncClient):  # type: ignore[no-untyped-def]
    async def register_in(delegation_id: int, headers: dict[str, str], **fields: Any) -> Any:
        return await client.post(
            f"/api/delegations/{delegation_id}/registrations",
            json=person(**fields),
            headers=headers,
        )

    return register_in
