"""Just before the deadline, forty focal points change their States' sponsorship at once: nothing is lost."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx
from httpx import AsyncClient

from convene.entities.tables import Entity
from convene.proposals.tables import Sponsorship


async def test_concurrent_sponsorship_changes_all_land(
    client: AsyncClient, propose: Any, bodies: dict[str, str], focal_point: Any, live_server: str
) -> None:
    states = [row["short_name"] for row in await Entity.select(Entity.short_name).where(
        Entity.category == "state_party").order_by(Entity.short_name).limit(40)]
    leaving, joining = states[:10], states[10:]
    proposal = await propose(sponsors=leaving, sponsorship_deadline="2099-01-01T00:00:00Z")
    issued = await client.post(f"/api/proposals/{proposal['id']}/issue", json={"issued_on": "2017-11-06"}, headers=bodies)
    assert issued.status_code == 201, issued.text
    headers = {state: await focal_point(state) for state in states}
    ids = {s["name"]: s["entity_id"] for s in issued.json()["sponsors"]}
    url = f"/api/proposals/{proposal['id']}/sponsors"

    # A real server with two worker processes, so the requests truly race.
    async with httpx.AsyncClient(base_url=live_server, timeout=60) as racer:
        requests = [racer.post(url, json={}, headers=headers[state]) for state in joining]
        requests += [racer.delete(f"{url}/{ids[state]}", headers=headers[state]) for state in leaving]
        responses = await asyncio.gather(*requests)

    assert Counter(r.status_code for r in responses) == Counter({201: 30, 204: 10}), [r.text for r in responses if r.status_code >= 400]
    now = (await client.get(f"/api/proposals/{proposal['id']}")).json()
    assert sorted(now["co_sponsors_after_issue"]) == sorted(joining)
    assert [s["name"] for s in now["sponsors"] if s["withdrawn_at"] is None] == joining  # alphabetical, as printed
    assert await Sponsorship.count().where(Sponsorship.proposal == proposal["id"]) == 40
    audit = await client.get("/api/audit", params={"object_type": "proposal", "object_id": str(proposal["id"]),
                                                   "per_page": 100}, headers=bodies)
    actions = Counter(entry["action"] for entry in audit.json()["items"])
    assert actions["proposal.sponsor_added"] == 30 and actions["proposal.sponsor_withdrawn"] == 10
    revised = await client.post(f"/api/proposals/{proposal['id']}/revisions", headers=bodies)
    assert revised.json()["sponsors_line"].endswith(f"{joining[-2]} and {joining[-1]}: revised draft resolution")
    assert revised.json()["sponsors_line"].count(",") == 28
