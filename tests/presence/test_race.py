"""Two doors race for a delegation's last seat and the room's last places, on a real two-worker server."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from typing import Any

import httpx
from convene.meetings.timezones import as_utc
from convene.presence.tables import DoorScan, InRoom
from httpx import AsyncClient

from tests.presence.test_door import _second_sitting
from tests.presence.world import build_world, scan


async def test_racing_doors_never_exceed_the_seats_or_the_room_and_lose_nothing(
    client: AsyncClient, bodies: dict[str, str], registry: None, live_server: str
) -> None:
    world = await build_world(
        client,
        bodies,
        {
            "Austria": ["in_person"] * 4,
            "Kenya": ["in_person"] * 2,
            "Brazil": ["in_person"] * 2,
            "Peru": ["in_person"] * 2,
        },
        room_capacity=5,
    )
    seated = await client.post(
        f"/api/sittings/{world.sitting_id}/door/scans",
        json=scan(world.badges["Austria"][0]),
        headers=bodies,
    )
    assert seated.json()["outcome"] == "entered"
    # Austria's last seat, and the room's last four places for seven people, each badge scanned
    # at both doors; every scan sent twice (a door retrying), so each key arrives twice at once.
    contenders = [
        *world.badges["Austria"][1:],
        *world.badges["Kenya"],
        *world.badges["Brazil"],
        *world.badges["Peru"],
    ]
    scans = [scan(badge, door=door) for badge in contenders for door in ("Door A", "Door B")]
    sends = [*scans, *scans]
    random.Random(2).shuffle(sends)

    async with httpx.AsyncClient(base_url=live_server, headers=bodies, timeout=60) as racer:
        path = f"/api/sittings/{world.sitting_id}/door/scans"
        responses = await asyncio.gather(*(racer.post(path, json=body) for body in sends))

    assert all(r.status_code == 200 for r in responses), Counter(r.status_code for r in responses)
    by_key: dict[str, list[dict[str, Any]]] = {}
    for response in responses:
        by_key.setdefault(response.json()["idempotency_key"], []).append(response.json())
    # Each key decided once: one answer fresh, its twin the stored decision, the same.
    for answers in by_key.values():
        assert sorted(a["repeated"] for a in answers) == [False, True]
        assert answers[0]["outcome"] == answers[1]["outcome"]
    assert await DoorScan.count().where(DoorScan.sitting == world.sitting_id) == len(scans) + 1

    inside = await InRoom.select(InRoom.registration, InRoom.delegation).where(
        InRoom.sitting == world.sitting_id
    )
    per_delegation = Counter(row["delegation"] for row in inside)
    assert all(count <= 2 for count in per_delegation.values()), per_delegation
    assert len(inside) == 5  # the room, full, never over
    outcomes = Counter(answers[0]["outcome"] for answers in by_key.values())
    assert outcomes["entered"] == 4 and set(outcomes) <= {
        "entered",
        "seats_full",
        "room_full",
        "already_inside",
    }

    # The same scans, replayed in shuffled order at another sitting, seat the same people.
    recorded = await DoorScan.select(
        DoorScan.registration.badge_code.as_alias("badge"), DoorScan.direction, DoorScan.scanned_at
    ).where(DoorScan.sitting == world.sitting_id)
    replay = [
        scan(row["badge"], row["direction"], scanned_at=as_utc(row["scanned_at"]).isoformat())
        for row in recorded
    ]
    random.Random(3).shuffle(replay)
    other = await _second_sitting(client, world, "Board Room E")
    batch = await client.post(
        f"/api/sittings/{other}/door/scans/batch", json={"scans": replay}, headers=bodies
    )
    assert batch.status_code == 200, batch.text
    replayed = await InRoom.select(InRoom.registration).where(InRoom.sitting == other)
    assert {r["registration"] for r in replayed} == {r["registration"] for r in inside}
