"""The live picture of a sitting: who is where, seats free, totals, and the quorum of States parties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from convene.presence.picture import live_picture
from httpx import AsyncClient

from tests.live.conftest import Scene, listening, served  # noqa: F401 (fixture)
from tests.presence.world import World, build_world, scan

PEOPLE = {
    "Austria": ["in_person", "in_person", "online_speaking", "online_listening"],
    "Kenya": ["in_person"],
    "Brazil": ["online_speaking"],
    "Japan": ["in_person"],
    "Peru": ["online_listening"],
    "Andorra": ["in_person"],  # an observer State: never counts toward the quorum
}


async def _join(client: AsyncClient, world: World, state: str, index: int) -> dict[str, Any]:
    registration = world.registrations[state][index]
    links = await client.get(
        f"/api/registrations/{registration['id']}/join-links", headers=world.headers
    )
    assert links.status_code == 200, links.text
    mine = next(link for link in links.json() if link["sitting_id"] == world.sitting_id)
    token = mine["url"].rsplit("/join/", 1)[1]
    joined = await client.post(f"/api/join/{token}")
    assert joined.status_code == 200, joined.text
    return joined.json() | {"token": token}


async def _hybrid_sitting(client: AsyncClient, bodies: dict[str, str]) -> World:
    world = await build_world(client, bodies, PEOPLE)
    await client.patch(
        f"/api/sessions/{world.session_id}/hybrid-setup",
        json={"listening_link": "https://webcast.example.org/irg"},
        headers=bodies,
    )
    for badge in (world.badges["Austria"][0], world.badges["Andorra"][0]):
        response = await client.post(
            f"/api/sittings/{world.sitting_id}/door/scans", json=scan(badge), headers=bodies
        )
        assert response.json()["outcome"] == "entered"
    await _join(client, world, "Austria", 2)
    await _join(client, world, "Austria", 3)
    await _join(client, world, "Brazil", 0)
    return world


async def test_the_picture_shows_each_delegation_in_the_room_and_online_with_seats_and_quorum(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await _hybrid_sitting(client, bodies)
    response = await client.get(f"/api/sittings/{world.sitting_id}/presence", headers=bodies)
    assert response.status_code == 200, response.text
    picture = response.json()
    austria = next(d for d in picture["delegations"] if d["entity"] == "Austria")
    names = [r["given_name"] for r in world.registrations["Austria"]]
    assert [a["name"].split()[1] for a in austria["in_room"]] == [names[0]]
    assert [a["name"].split()[1] for a in austria["online_speaking"]] == [names[2]]
    assert [a["name"].split()[1] for a in austria["online_listening"]] == [names[3]]
    assert (austria["seats_at_table"], austria["seats_free"]) == (2, 1)
    # States parties first (alphabetical), then the observer State.
    assert [d["entity"] for d in picture["delegations"]] == [
        "Austria",
        "Brazil",
        "Japan",
        "Kenya",
        "Peru",
        "Andorra",
    ]
    assert picture["total"] == {
        "label": "All participants",
        "in_room": 2,
        "online_speaking": 2,
        "online_listening": 1,
        "total": 5,
    }
    assert [(c["label"], c["total"]) for c in picture["by_category"]] == [
        ("States parties", 4),
        ("Observer States", 1),
    ]
    quorum = picture["quorum"]
    # Five States parties participate; Austria (in the room) and Brazil (online) are present.
    assert {
        k: quorum[k]
        for k in (
            "states_parties_participating",
            "states_parties_present",
            "present_in_room",
            "present_online_only",
            "needed_to_open",
            "met",
            "majority_for_decisions",
        )
    } == {
        "states_parties_participating": 5,
        "states_parties_present": 2,
        "present_in_room": 1,
        "present_online_only": 1,
        "needed_to_open": 2,
        "met": True,
        "majority_for_decisions": 2,
    }

    stricter = await client.put(
        "/api/bodies/IRG/quorum",
        json={
            "opening_numerator": 1,
            "opening_denominator": 2,
            "decision_numerator": 2,
            "decision_denominator": 3,
        },
        headers=bodies,
    )
    assert stricter.status_code == 200, stricter.text
    quorum = (
        await client.get(f"/api/sittings/{world.sitting_id}/presence", headers=bodies)
    ).json()["quorum"]
    assert (quorum["needed_to_open"], quorum["met"], quorum["majority_for_decisions"]) == (
        3,
        False,
        2,
    )
    assert quorum["rule"].startswith("1/2 of the States parties participating")
    wrong = await client.put(
        "/api/bodies/IRG/quorum",
        json={
            "opening_numerator": 4,
            "opening_denominator": 3,
            "decision_numerator": 1,
            "decision_denominator": 2,
        },
        headers=bodies,
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "opening_numerator"


async def test_online_presence_ends_when_the_heartbeat_stops_or_the_person_leaves(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await _hybrid_sitting(client, bodies)
    later = datetime.now(UTC) + timedelta(minutes=2)
    lapsed = await live_picture(world.sitting_id, now=later)
    assert lapsed.total.online_speaking == lapsed.total.online_listening == 0
    assert lapsed.total.in_room == 2  # the room is the door's: no heartbeat needed

    brazil = await _join(client, world, "Brazil", 0)  # an open visit: kept alive, not doubled
    assert (await live_picture(world.sitting_id)).total.online_speaking == 2
    left = await client.post(f"/api/join/{brazil['token']}/leave")
    assert left.status_code == 200 and left.json()["online"] is False
    picture = await live_picture(world.sitting_id)
    assert picture.total.online_speaking == 1
    assert picture.quorum.states_parties_present == 1 and picture.quorum.met is False


@pytest.mark.timeout(60)
async def test_the_secretariats_stream_hears_arrivals_at_the_door_and_online(
    client: AsyncClient, bodies: dict[str, str], registry: None, served: str
) -> None:
    world = await build_world(client, bodies, {"Austria": ["in_person", "online_speaking"]})
    async with listening(
        Scene(served, world.session_id, world.delegations["Austria"]), bodies
    ) as stream:
        async with AsyncClient(base_url=served, headers=bodies, timeout=30) as http:
            entered = await http.post(
                f"/api/sittings/{world.sitting_id}/door/scans",
                json=scan(world.badges["Austria"][0]),
            )
            assert entered.status_code == 200, entered.text
            assert await stream.next() == {
                "kind": "presence",
                "sitting_id": world.sitting_id,
                "registration_id": world.registrations["Austria"][0]["id"],
                "change": "entered",
            }
            assert (await stream.next())["kind"] == "check_in"  # the desk's list hears it too
            await _join(http, world, "Austria", 1)
            assert (await stream.next())["change"] == "joined online"
