"""Delegations register delegates within their quotas; beyond a limit they wait, never lost."""

from __future__ import annotations

from typing import Any

from convene.mail.tables import OutboxMessage
from httpx import AsyncClient

from tests.delegations.conftest import entity_id, person


async def _subjects(to: str) -> list[str]:
    rows = (
        await OutboxMessage.select(OutboxMessage.subject)
        .where(OutboxMessage.recipient == to)
        .order_by(OutboxMessage.id)
    )
    return [row["subject"].split(":")[0] for row in rows]


async def test_a_third_in_person_delegate_is_waitlisted_where_the_quota_is_two(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    statuses = [(await register(delegation["id"], austria)).json()["status"] for _ in range(3)]
    assert statuses == ["submitted", "submitted", "waitlisted"]
    view = (await client.get(f"/api/delegations/{delegation['id']}", headers=austria)).json()
    assert view["places"]["in_person"] == {"limit": 2, "used": 2, "left": 0}
    assert [r["waitlist_position"] for r in view["registrations"]] == [None, None, 1]
    waitlisted = view["registrations"][2]
    assert await _subjects(waitlisted["email"]) == ["Registration on the waiting list"]


async def test_a_freed_place_promotes_the_first_on_the_waitlist_with_an_email(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    first, _, waiting, later = [
        (await register(delegation["id"], austria)).json() for _ in range(4)
    ]
    assert (waiting["status"], later["status"]) == ("waitlisted", "waitlisted")
    cancelled = await client.post(f"/api/registrations/{first['id']}/cancellation", headers=austria)
    assert cancelled.json()["status"] == "cancelled"
    promoted = (await client.get(f"/api/registrations/{waiting['id']}", headers=austria)).json()
    assert promoted["status"] == "submitted"
    assert (await client.get(f"/api/registrations/{later['id']}", headers=austria)).json()[
        "waitlist_position"
    ] == 1
    assert await _subjects(waiting["email"]) == [
        "Registration on the waiting list",
        "A place has become available",
    ]


async def test_switching_to_online_frees_the_in_person_place(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    first, _, waiting = [(await register(delegation["id"], austria)).json() for _ in range(3)]
    switched = await client.post(
        f"/api/registrations/{first['id']}/mode", json={"mode": "online_speaking"}, headers=austria
    )
    assert switched.json()["mode"] == "online_speaking" and switched.json()["status"] == "submitted"
    assert (await client.get(f"/api/registrations/{waiting['id']}", headers=austria)).json()[
        "status"
    ] == "submitted"
    # Now in person is full again: switching back keeps the online place rather than losing it.
    back = await client.post(
        f"/api/registrations/{first['id']}/mode", json={"mode": "in_person"}, headers=austria
    )
    assert back.status_code == 409 and back.json()["errors"][0]["field"] == "mode"


async def test_online_speaking_places_are_limited_and_listening_is_not(
    session: dict[str, Any], austria: dict[str, str], open_delegation: Any, register: Any
) -> None:
    delegation = await open_delegation(session["id"], austria)
    speaking = [
        (await register(delegation["id"], austria, mode="online_speaking")).json()["status"]
        for _ in range(3)
    ]
    assert speaking == ["submitted", "submitted", "waitlisted"]
    listening = [
        (await register(delegation["id"], austria, mode="online_listening")).json()["status"]
        for _ in range(5)
    ]
    assert set(listening) == {"submitted"}


async def test_the_room_capacity_holds_across_delegations(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    # Room for 4; each delegation may send 2 in person, so a third delegation finds the room full.
    for headers in (austria, kenya):
        delegation = await open_delegation(session["id"], headers)
        for _ in range(2):
            assert (await register(delegation["id"], headers)).json()["status"] == "submitted"
    brazil = await open_delegation(session["id"], bodies, entity_id=await entity_id("Brazil"))
    assert brazil["places"]["room"] == {"limit": 4, "used": 4, "left": 0}
    assert (await register(brazil["id"], bodies)).json()["status"] == "waitlisted"


async def test_a_session_that_admits_no_ngos_refuses_their_delegation(
    client: AsyncClient, session: dict[str, Any], bodies: dict[str, str]
) -> None:
    response = await client.post(
        f"/api/sessions/{session['id']}/delegations",
        json={"entity_id": await entity_id("Transparency International")},
        headers=bodies,
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "entity_id"


async def test_an_online_session_has_no_in_person_registrations(
    create_session: Any,
    registry: None,
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    online = await create_session(
        parts=[{"body": "WGP", "number": 4}],
        format="online",
        start_date="2099-03-01",
        end_date="2099-03-02",
    )
    delegation = await open_delegation(online["id"], austria)
    response = await register(delegation["id"], austria, mode="in_person")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "mode"


async def test_the_same_person_registers_once_per_delegation(
    session: dict[str, Any], austria: dict[str, str], open_delegation: Any, register: Any
) -> None:
    ours = await open_delegation(session["id"], austria)
    assert (await register(ours["id"], austria, email="same@person.test")).status_code == 201
    again = await register(ours["id"], austria, email="SAME@person.test")
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "email"


async def test_registration_opens_and_closes_on_its_dates(
    client: AsyncClient,
    create_session: Any,
    registry: None,
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    future = await create_session(
        parts=[{"body": "WGP", "number": 30}],
        start_date="2099-06-01",
        end_date="2099-06-03",
        registration_opens="2099-01-01",
        registration_closes="2099-05-20",
    )
    delegation = await open_delegation(future["id"], austria)
    early = await register(delegation["id"], austria)
    assert early.status_code == 409 and "opens on 01 January 2099" in early.json()["detail"]
    assert (
        await register(delegation["id"], bodies)
    ).status_code == 201  # the secretariat may register early


async def test_the_secretariat_approves_and_rejects_one_by_one_or_in_bulk(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    a, b, waiting = [(await register(delegation["id"], austria)).json() for _ in range(3)]
    approved = await client.post(f"/api/registrations/{a['id']}/approval", headers=bodies)
    assert approved.json()["status"] == "approved"
    assert await _subjects(a["email"]) == ["Registration received", "Registration approved"]
    bulk = await client.post(
        f"/api/sessions/{session['id']}/registrations/rejection",
        json={"registration_ids": [b["id"], a["id"], 999999], "reason": "No credentials"},
        headers=bodies,
    )
    results = {r["registration_id"]: r for r in bulk.json()}
    assert results[b["id"]]["status"] == "rejected" and results[a["id"]]["status"] == "rejected"
    assert results[999999]["error"] == "Registration not found in this session"
    # Both places freed: the waitlisted delegate now holds one.
    assert (await client.get(f"/api/registrations/{waiting['id']}", headers=bodies)).json()[
        "status"
    ] == "submitted"
    refused = await client.post(f"/api/registrations/{a['id']}/approval", headers=austria)
    assert refused.status_code == 403


async def test_substituting_keeps_the_place_for_the_new_person(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    original = (await register(delegation["id"], austria)).json()
    await client.post(f"/api/registrations/{original['id']}/approval", headers=bodies)
    newcomer = person(given_name="Lena", family_name="Huber", email="lena.huber@bmeia.test")
    newcomer.pop("mode")
    swapped = await client.post(
        f"/api/registrations/{original['id']}/substitution", json=newcomer, headers=austria
    )
    assert swapped.status_code == 200, swapped.text
    assert (swapped.json()["family_name"], swapped.json()["status"]) == ("Huber", "submitted")
    history = (
        await client.get(f"/api/registrations/{original['id']}/history", headers=austria)
    ).json()
    assert [event["action"] for event in history] == ["submitted", "approved", "substituted"]


async def test_another_entitys_delegation_does_not_exist_for_a_focal_point(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    registration = (await register(delegation["id"], austria)).json()
    assert (
        await client.get(f"/api/delegations/{delegation['id']}", headers=kenya)
    ).status_code == 404
    assert (
        await client.post(f"/api/registrations/{registration['id']}/cancellation", headers=kenya)
    ).status_code == 404
    mine = (await client.get(f"/api/sessions/{session['id']}/delegations", headers=kenya)).json()
    assert mine["items"] == [] and mine["total"] == 0
