"""A hybrid IRG session with a sitting under way, built through the API as the secretariat would."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from httpx import AsyncClient

from tests.delegations.conftest import entity_id, person


@dataclass
class World:
    session_id: int
    sitting_id: int
    headers: dict[str, str]
    delegations: dict[str, int] = field(default_factory=dict)
    badges: dict[str, list[str]] = field(default_factory=dict)
    """In-person badge codes per State, in the order registered."""
    registrations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _vienna_today() -> date:
    return datetime.now(ZoneInfo("Europe/Vienna")).date()


async def build_world(
    client: AsyncClient,
    headers: dict[str, str],
    people: dict[str, list[str]],
    *,
    room_capacity: int | None = 20,
    number: int = 40,
) -> World:
    """A session of today with one sitting under way; ``people`` maps a State to its members' modes."""
    today = _vienna_today()
    session = await client.post(
        "/api/sessions",
        json={
            "parts": [{"body": "IRG", "kind": "regular", "number": number}],
            "start_date": str(today - timedelta(days=1)),
            "end_date": str(today + timedelta(days=1)),
            "timezone": "Europe/Vienna",
            "venue_name": "Vienna International Centre",
            "city": "Vienna",
            "format": "hybrid",
            "symbol_prefix": "CAC/COSP/IRG/2020",
            "status": "scheduled",
            "in_person_quota": 6,
            "online_speaking_quota": 2,
            "room_capacity": None,
            "join_link": "https://meet.example.org/irg-speakers",
        },
        headers=headers,
    )
    assert session.status_code == 201, session.text
    session_id = session.json()["id"]
    now = datetime.now(UTC).replace(microsecond=0)
    sitting = await client.post(
        f"/api/sessions/{session_id}/sittings",
        json={
            "starts_at": (now - timedelta(minutes=30)).isoformat().replace("+00:00", "Z"),
            "ends_at": (now + timedelta(hours=2)).isoformat().replace("+00:00", "Z"),
            "room": "Board Room D",
        },
        headers=headers,
    )
    assert sitting.status_code == 201, sitting.text
    world = World(session_id, sitting.json()["id"], headers)
    for state, modes in people.items():
        await _delegation(client, world, state, modes)
    if room_capacity is not None:
        # The room of the sittings, smaller than the badges given out (UN practice: delegations
        # hold more in-person badges than there are seats, and rotate).
        smaller = await client.patch(
            f"/api/sessions/{session_id}", json={"room_capacity": room_capacity}, headers=headers
        )
        assert smaller.status_code == 200, smaller.text
    return world


async def _delegation(client: AsyncClient, world: World, state: str, modes: list[str]) -> None:
    opened = await client.post(
        f"/api/sessions/{world.session_id}/delegations",
        json={"entity_id": await entity_id(state)},
        headers=world.headers,
    )
    assert opened.status_code == 201, opened.text
    world.delegations[state] = opened.json()["id"]
    world.badges[state], world.registrations[state] = [], []
    for mode in modes:
        registered = await client.post(
            f"/api/delegations/{opened.json()['id']}/registrations",
            json=person(mode),
            headers=world.headers,
        )
        assert registered.status_code == 201, registered.text
        approved = await client.post(
            f"/api/registrations/{registered.json()['id']}/approval", headers=world.headers
        )
        assert approved.status_code == 200, approved.text
        world.registrations[state].append(approved.json())
        if mode == "in_person":
            world.badges[state].append(approved.json()["badge_code"])


_keys = iter(range(1, 10_000_000))


def scan(badge: str, direction: str = "in", **fields: Any) -> dict[str, Any]:
    """A door's scan with a fresh idempotency key."""
    return {
        "badge_code": badge,
        "direction": direction,
        "idempotency_key": f"test-scan-{next(_keys):08d}",
    } | fields
