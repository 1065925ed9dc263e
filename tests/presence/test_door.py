"""The door: badge scans in and out, seats at the table, the room's capacity, repeated and late scans."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from convene.accounts.roles import Role
from convene.presence.tables import DoorScan, InRoom
from httpx import AsyncClient

from tests.delegations.conftest import entity_id
from tests.presence.world import World, build_world, scan


async def _scan(
    client: AsyncClient, world: World, body: dict[str, Any], sitting: int | None = None
) -> Any:
    response = await client.post(
        f"/api/sittings/{sitting or world.sitting_id}/door/scans", json=body, headers=world.headers
    )
    return response


async def _ok(
    client: AsyncClient, world: World, body: dict[str, Any], sitting: int | None = None
) -> dict[str, Any]:
    response = await _scan(client, world, body, sitting)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_scan_in_seats_the_delegate_and_a_repeated_scan_says_since_when(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(client, bodies, {"Austria": ["in_person"]})
    badge = world.badges["Austria"][0]
    first = scan(badge, scanned_at=(datetime.now(UTC) - timedelta(minutes=5)).isoformat())
    entered = await _ok(client, world, first)
    assert (entered["outcome"], entered["refused"], entered["entity"]) == (
        "entered",
        False,
        "Austria",
    )
    since = datetime.fromisoformat(first["scanned_at"]).astimezone(UTC)
    assert datetime.fromisoformat(entered["inside_since"]) == since

    again = await _ok(client, world, scan(badge))
    venue_clock = f"{since.astimezone(ZoneInfo('Europe/Vienna')):%H:%M}"
    assert again["outcome"] == "already_inside"
    assert again["message"].endswith(f"is already inside since {venue_clock}")

    desk = await client.get(
        f"/api/sessions/{world.session_id}/attendees", params={"q": badge}, headers=bodies
    )
    assert desk.json()[0]["arrived"] is True  # the check-in desk sees the arrival too

    resent = await _ok(client, world, first)
    assert (resent["repeated"], resent["outcome"], resent["scan_id"]) == (
        True,
        "entered",
        entered["scan_id"],
    )
    assert await InRoom.count() == 1


async def test_a_delegate_beyond_the_seats_is_refused_naming_who_is_inside_until_one_leaves(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(client, bodies, {"Austria": ["in_person"] * 3})
    first, second, third = world.badges["Austria"]
    one = await _ok(client, world, scan(first))
    two = await _ok(client, world, scan(second))
    refused = await _ok(client, world, scan(third))
    assert (refused["outcome"], refused["refused"]) == ("seats_full", True)
    assert refused["message"].startswith("Refused: all 2 seats of Austria are taken, by ")
    assert one["name"] in refused["message"] and two["name"] in refused["message"]
    assert [p["name"] for p in refused["delegation_inside"]] == [one["name"], two["name"]]

    left = await _ok(client, world, scan(first, "out"))
    assert left["outcome"] == "left"
    assert left["message"] == f"{one['name']} (Austria) left; a seat of Austria is free"
    assert (await _ok(client, world, scan(third)))["outcome"] == "entered"
    assert (await _ok(client, world, scan(first, "out")))["outcome"] == "not_inside"


async def test_the_room_capacity_bounds_everyone_and_the_secretariat_can_change_a_delegations_seats(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(
        client, bodies, {"Austria": ["in_person"] * 2, "Kenya": ["in_person"] * 2}, room_capacity=3
    )
    for badge in [*world.badges["Austria"], world.badges["Kenya"][0]]:
        assert (await _ok(client, world, scan(badge)))["outcome"] == "entered"
    full = await _ok(client, world, scan(world.badges["Kenya"][1]))
    assert (full["outcome"], full["message"]) == (
        "room_full",
        "Refused: the room is full (3 seats)",
    )

    one_seat = await client.put(
        f"/api/delegations/{world.delegations['Austria']}/seats",
        json={"seats_at_table": 1},
        headers=bodies,
    )
    assert one_seat.status_code == 200, one_seat.text
    assert (await _ok(client, world, scan(world.badges["Austria"][0], "out")))["outcome"] == "left"
    refused = await _ok(client, world, scan(world.badges["Austria"][0]))
    assert refused["outcome"] == "seats_full" and refused["seats_at_table"] == 1
    setup = await client.patch(
        f"/api/sessions/{world.session_id}/hybrid-setup", json={"seats_at_table": 3}, headers=bodies
    )
    assert setup.json()["seats_at_table"] == 3
    back = await client.put(
        f"/api/delegations/{world.delegations['Austria']}/seats",
        json={"seats_at_table": None},
        headers=bodies,
    )
    assert back.json() == 3


async def _second_sitting(client: AsyncClient, world: World, room: str) -> int:
    now = datetime.now(UTC).replace(microsecond=0)
    created = await client.post(
        f"/api/sessions/{world.session_id}/sittings",
        json={
            "starts_at": (now - timedelta(minutes=20)).isoformat(),
            "ends_at": (now + timedelta(hours=1)).isoformat(),
            "room": room,
        },
        headers=world.headers,
    )
    assert created.status_code == 201, created.text
    return created.json()["id"]


def _day(world: World) -> list[tuple[str, str, int]]:
    """A morning at the door: (badge, direction, minutes before now)."""
    a1, a2, a3 = world.badges["Austria"]
    k1, k2 = world.badges["Kenya"]
    return [
        (a1, "in", 50),
        (a2, "in", 49),
        (a3, "in", 48),  # the third is refused: seats full
        (k1, "in", 47),
        (a3, "in", 46),  # still no seat for Austria
        (a1, "out", 40),
        (a3, "in", 39),  # rotation: a3 takes a1's seat
        (k2, "in", 38),
        (k1, "out", 30),
        (k2, "in", 29),  # k2 refused (room), then enters
        (a2, "in", 28),
        (a1, "out", 27),  # repeated in, out of someone outside
    ]


def _as_scans(day: list[tuple[str, str, int]], prefix: str) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    return [
        scan(
            badge,
            direction,
            idempotency_key=f"{prefix}-{i:04d}",
            scanned_at=(now - timedelta(minutes=minutes)).isoformat(),
        )
        for i, (badge, direction, minutes) in enumerate(day)
    ]


async def _presence(sitting_id: int) -> set[int]:
    return {
        row["registration"]
        for row in await InRoom.select(InRoom.registration).where(InRoom.sitting == sitting_id)
    }


async def test_late_scans_in_any_order_give_what_the_door_would_have_decided_in_order(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(
        client, bodies, {"Austria": ["in_person"] * 3, "Kenya": ["in_person"] * 2}, room_capacity=3
    )
    day = _day(world)
    in_order = [(await _ok(client, world, body))["outcome"] for body in _as_scans(day, "live")]
    assert in_order == [
        "entered",
        "entered",
        "seats_full",
        "entered",
        "seats_full",
        "left",
        "entered",
        "room_full",
        "left",
        "entered",
        "already_inside",
        "not_inside",
    ]
    expected = await _presence(world.sitting_id)
    a2, a3, k2 = (
        world.registrations["Austria"][1]["id"],
        world.registrations["Austria"][2]["id"],
        world.registrations["Kenya"][1]["id"],
    )
    assert expected == {a2, a3, k2}

    offline = await _second_sitting(client, world, "Board Room E")
    shuffled = _as_scans(day, "offline")
    random.Random(14).shuffle(shuffled)
    batch = await client.post(
        f"/api/sittings/{offline}/door/scans/batch", json={"scans": shuffled}, headers=bodies
    )
    assert batch.status_code == 200, batch.text
    outcomes = {r["idempotency_key"]: r["outcome"] for r in batch.json()}
    assert [outcomes[f"offline-{i:04d}"] for i in range(len(day))] == in_order
    assert await _presence(offline) == expected

    one_by_one = await _second_sitting(client, world, "Board Room F")
    reversed_scans = list(reversed(_as_scans(day, "late")))
    for body in reversed_scans:
        await _ok(client, world, body, one_by_one)
    assert await _presence(one_by_one) == expected
    again = await client.post(
        f"/api/sittings/{one_by_one}/door/scans/batch",
        json={"scans": reversed_scans},
        headers=bodies,
    )
    assert all(r["repeated"] for r in again.json())
    assert await _presence(one_by_one) == expected


async def test_a_scan_the_door_cannot_take_is_refused_naming_the_field(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(client, bodies, {"Austria": ["in_person", "online_speaking"]})
    badge = world.badges["Austria"][0]
    online_badge = world.registrations["Austria"][1]["badge_code"]

    def field_of(response: Any) -> str:
        return response.json()["errors"][0]["field"]

    unknown = await _scan(client, world, scan("NOSUCHCODE"))
    assert (unknown.status_code, field_of(unknown)) == (404, "badge_code")
    online = await _scan(client, world, scan(online_badge))
    assert (online.status_code, field_of(online)) == (409, "badge_code")
    assert "holds no in-person badge" in online.json()["detail"]
    naive = await _scan(client, world, scan(badge, scanned_at="2020-08-31T10:00:00"))
    assert (naive.status_code, field_of(naive)) == (422, "scanned_at")
    future = await _scan(
        client, world, scan(badge, scanned_at=(datetime.now(UTC) + timedelta(hours=1)).isoformat())
    )
    assert (future.status_code, field_of(future)) == (422, "scanned_at")
    bad_direction = await _scan(client, world, scan(badge, direction="sideways"))
    assert bad_direction.status_code == 400 and "direction" in bad_direction.text

    used = scan(badge)
    await _ok(client, world, used)
    reused = await _scan(client, world, used | {"direction": "out"})
    assert (reused.status_code, field_of(reused)) == (422, "idempotency_key")
    nowhere = await client.post("/api/sittings/999999/door/scans", json=scan(badge), headers=bodies)
    assert nowhere.status_code == 404

    cancelled = await client.post(f"/api/sittings/{world.sitting_id}/cancellation", headers=bodies)
    assert cancelled.status_code in (200, 201), cancelled.text
    after = await _scan(client, world, scan(badge, "out"))
    assert after.status_code == 409 and after.json()["detail"] == "This sitting was cancelled"


async def test_only_the_secretariat_works_the_door(
    client: AsyncClient, bodies: dict[str, str], registry: None, make_account_headers: Any
) -> None:
    world = await build_world(client, bodies, {"Austria": ["in_person"]})
    focal = await make_account_headers(
        "focal@austria.test", Role.FOCAL_POINT, await entity_id("Austria")
    )
    response = await client.post(
        f"/api/sittings/{world.sitting_id}/door/scans",
        json=scan(world.badges["Austria"][0]),
        headers=focal,
    )
    assert response.status_code == 403
    anonymous = await client.post(f"/api/sittings/{world.sitting_id}/door/scans", json=scan("X"))
    assert anonymous.status_code == 401


async def test_an_offline_doors_batch_arriving_after_the_live_scans_is_merged_in_order(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(
        client, bodies, {"Austria": ["in_person"] * 3, "Kenya": ["in_person"] * 2}, room_capacity=3
    )
    day = _day(world)
    in_order = [(await _ok(client, world, body))["outcome"] for body in _as_scans(day, "whole")]
    expected = await _presence(world.sitting_id)

    merged = await _second_sitting(client, world, "Board Room E")
    scans = _as_scans(day, "merged")
    door_a, door_b = scans[0::2], scans[1::2]  # Door B was offline all morning
    for body in door_a:
        await _ok(client, world, body, merged)
    batch = await client.post(
        f"/api/sittings/{merged}/door/scans/batch",
        json={"scans": list(reversed(door_b))},
        headers=bodies,
    )
    assert batch.status_code == 200, batch.text
    assert await _presence(merged) == expected
    decided = {
        row["idempotency_key"]: row["outcome"]
        for row in await DoorScan.select(DoorScan.idempotency_key, DoorScan.outcome).where(
            DoorScan.sitting == merged
        )
    }
    assert [decided[f"merged-{i:04d}"] for i in range(len(day))] == in_order


async def test_an_offline_batch_with_an_unknown_badge_is_refused_whole_naming_the_field(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(client, bodies, {"Austria": ["in_person", "in_person"]})
    a1, a2 = world.badges["Austria"]
    batch = {"scans": [scan(a1), scan("NOSUCHCODE"), scan(a2.lower())]}
    refused = await client.post(
        f"/api/sittings/{world.sitting_id}/door/scans/batch", json=batch, headers=bodies
    )
    assert refused.status_code == 404
    assert refused.json()["errors"][0]["field"] == "badge_code"
    assert await DoorScan.count().where(DoorScan.sitting == world.sitting_id) == 0

    batch["scans"].pop(1)  # a code is read whatever its case, as the desk's field takes it
    taken = await client.post(
        f"/api/sittings/{world.sitting_id}/door/scans/batch", json=batch, headers=bodies
    )
    assert [answer["outcome"] for answer in taken.json()] == ["entered", "entered"]
