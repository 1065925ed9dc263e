"""Every change the secretariat makes to a session is in the audit log, before and after."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient


async def test_session_agenda_and_sitting_changes_are_audited(
    client: AsyncTestClient, create_session: Any, bodies: dict[str, str]
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
