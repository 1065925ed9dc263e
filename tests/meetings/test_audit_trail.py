"""Every change the secretariat makes to a session is in the audit log, before and after."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient


async def test_session_agenda_and_sitting_changes_are_audited(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    await client.patch(f"/api/sessions/{session['id']}", json={"room_capacity": 180, "city": "Vienna"}, headers=bodies)
    await client.post(f"/api/sessions/{session['id']}/agenda/items", json={"title": "Other matters"}, headers=bodies)
    page = await client.get("/api/audit", params={"session_id": session["id"]}, headers=bodies)
    assert page.status_code == 200, page.text
    body = page.json()
    entries = body["items"] if isinstance(body, dict) else body
    by_action = {entry["action"]: entry for entry in entries}
    assert {"session.created", "session.changed", "agenda_item.added"} <= set(by_action)
    changed = by_action["session.changed"]
    assert changed["before"] == {"room_capacity": None} and changed["after"] == {"room_capacity": 180}
    assert changed["actor_name"] == "Officer"
    assert by_action["agenda_item.added"]["after"]["number"] == "1"


async def test_scheduling_moving_and_cancelling_a_sitting_is_audited(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    created = await client.post(
        f"/api/sessions/{session['id']}/sittings",
        json={"starts_at": "2020-08-31T10:00", "ends_at": "2020-08-31T13:00", "room": "Board Room D"},
        headers=bodies,
    )
    sitting_id = created.json()["id"]
    moved = await client.patch(
        f"/api/sittings/{sitting_id}", json={"starts_at": "2020-08-31T11:00"}, headers=bodies
    )
    cancelled = await client.post(f"/api/sittings/{sitting_id}/cancellation", headers=bodies)
    assert (created.status_code, moved.status_code, cancelled.status_code) == (201, 200, 201)

    page = await client.get(
        "/api/audit", params={"session_id": session["id"], "object_type": "sitting"}, headers=bodies
    )
    entries = {entry["action"]: entry for entry in page.json()["items"]}
    assert set(entries) == {"sitting.created", "sitting.changed", "sitting.cancelled"}
    assert all(entry["object_id"] == str(sitting_id) for entry in entries.values())
    assert all(entry["actor_name"] == "Officer" for entry in entries.values())
    assert entries["sitting.created"]["before"] is None
    assert entries["sitting.created"]["after"]["room"] == "Board Room D"
    assert entries["sitting.changed"]["before"]["local_starts_at"].startswith("2020-08-31T10:00")
    assert entries["sitting.changed"]["after"]["local_starts_at"].startswith("2020-08-31T11:00")
    assert entries["sitting.changed"]["after"]["sequence"] == 1
    assert entries["sitting.cancelled"]["before"]["status"] == "scheduled"
    assert entries["sitting.cancelled"]["after"] == {"status": "cancelled", "sequence": 2}
