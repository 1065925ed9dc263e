"""The secretariat's decisions: each item of a bulk action on its own, a decision taken twice,
a person registered by two entities, and limits raised while people wait."""

from __future__ import annotations

from typing import Any

import convene.mail.subscribers
import pytest
from convene.audit.tables import AuditEntry
from convene.delegations.events import RegistrationChanged
from convene.mail.tables import OutboxMessage
from httpx import AsyncClient

from tests.delegations.conftest import entity_id


async def _subjects(to: str) -> list[str]:
    rows = (
        await OutboxMessage.select(OutboxMessage.subject)
        .where(OutboxMessage.recipient == to)
        .order_by(OutboxMessage.id)
    )
    return [row["subject"].split(":")[0] for row in rows]


async def _audited(registration_id: int) -> list[str]:
    rows = (
        await AuditEntry.select(AuditEntry.action)
        .where(
            (AuditEntry.object_type == "registration")
            & (AuditEntry.object_id == str(registration_id))
        )
        .order_by(AuditEntry.id)
    )
    return [row["action"] for row in rows]


async def _status(client: AsyncClient, registration_id: int, headers: dict[str, str]) -> Any:
    return (await client.get(f"/api/registrations/{registration_id}", headers=headers)).json()


# Bulk actions report per item -------------------------------------------------


async def test_a_bulk_approval_decides_every_item_and_names_each_outcome(
    client: AsyncClient,
    session: dict[str, Any],
    create_session: Any,
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    first, faulty, waiting = [(await register(delegation["id"], austria)).json() for _ in range(3)]
    listening = (await register(delegation["id"], austria, mode="online_listening")).json()
    elsewhere = await create_session(
        parts=[{"body": "WGP", "number": 7}], start_date="2099-05-01", end_date="2099-05-02"
    )
    other = (
        await register((await open_delegation(elsewhere["id"], austria))["id"], austria)
    ).json()
    await client.post(f"/api/registrations/{first['id']}/approval", headers=bodies)

    # One registration meets a fault no rule foresaw: the mail notice of its approval fails.
    notice_for = convene.mail.subscribers.notice_for

    async def failing_for_one(event: RegistrationChanged) -> Any:
        if event.registration_id == faulty["id"] and event.change == "approved":
            raise UnicodeEncodeError("ascii", "zoë", 2, 3, "the mail server cannot carry it")
        return await notice_for(event)

    monkeypatch.setattr(convene.mail.subscribers, "notice_for", failing_for_one)
    ids = [first["id"], faulty["id"], waiting["id"], 999999, other["id"], listening["id"]]
    bulk = await client.post(
        f"/api/sessions/{session['id']}/registrations/approval",
        json={"registration_ids": ids},
        headers=bodies,
    )

    assert bulk.status_code == 200, bulk.text
    outcomes = {r["registration_id"]: (r["outcome"], r["status"], r["error"]) for r in bulk.json()}
    assert [r["registration_id"] for r in bulk.json()] == ids
    assert outcomes[first["id"]] == ("unchanged", "approved", None)
    assert outcomes[faulty["id"]][:2] == ("refused", "submitted")
    assert "unexpected error" in outcomes[faulty["id"]][2]
    assert outcomes[waiting["id"]] == (
        "refused",
        "waitlisted",
        "A waitlisted registration has no place to approve yet",
    )
    assert outcomes[999999] == ("refused", None, "Registration not found in this session")
    assert outcomes[other["id"]][0] == "refused"
    # The item after the fault was still decided, and the fault left nothing behind.
    assert outcomes[listening["id"]] == ("done", "approved", None)
    assert (await _status(client, other["id"], bodies))["status"] == "submitted"
    assert await _audited(faulty["id"]) == ["registration.submitted"]
    assert await _subjects(faulty["email"]) == ["Registration received"]


async def test_a_bulk_rejection_gives_each_its_reason_and_frees_the_places(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    a, b, waiting = [(await register(delegation["id"], austria)).json() for _ in range(3)]
    bulk = await client.post(
        f"/api/sessions/{session['id']}/registrations/rejection",
        json={"registration_ids": [a["id"], b["id"]], "reason": "Not named in the note verbale"},
        headers=bodies,
    )
    assert [(r["outcome"], r["status"]) for r in bulk.json()] == [
        ("done", "rejected"),
        ("done", "rejected"),
    ]
    history = (await client.get(f"/api/registrations/{a['id']}/history", headers=austria)).json()
    assert (history[-1]["action"], history[-1]["note"]) == (
        "rejected",
        "Not named in the note verbale",
    )
    assert (await _status(client, waiting["id"], austria))["status"] == "submitted"


# A decision taken twice -------------------------------------------------------


async def test_approving_an_approved_registration_changes_nothing_and_says_ok(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    person = (await register(delegation["id"], austria)).json()
    for _ in range(2):
        again = await client.post(f"/api/registrations/{person['id']}/approval", headers=bodies)
        assert again.status_code == 200, again.text
        assert again.json()["status"] == "approved"
    assert await _audited(person["id"]) == ["registration.submitted", "registration.approved"]
    assert await _subjects(person["email"]) == ["Registration received", "Registration approved"]
    history = (await client.get(f"/api/registrations/{person['id']}/history", headers=bodies)).json()
    assert [event["action"] for event in history] == ["submitted", "approved"]


async def test_rejecting_a_rejected_registration_changes_nothing_and_says_ok(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    person = (await register(delegation["id"], austria)).json()
    answers = [
        await client.post(
            f"/api/registrations/{person['id']}/rejection",
            json={"reason": "Duplicate"},
            headers=bodies,
        )
        for _ in range(2)
    ]
    assert [(a.status_code, a.json()["status"]) for a in answers] == [(200, "rejected")] * 2
    assert await _audited(person["id"]) == ["registration.submitted", "registration.rejected"]
    bare = await client.post(f"/api/registrations/{person['id']}/rejection", headers=bodies)
    assert bare.status_code == 422  # a rejection always says why, even a repeated one
    assert bare.json()["errors"][0]["field"] == "reason"
    cancelled = (await register(delegation["id"], austria)).json()
    await client.post(f"/api/registrations/{cancelled['id']}/cancellation", headers=austria)
    refused = await client.post(f"/api/registrations/{cancelled['id']}/approval", headers=bodies)
    assert refused.status_code == 409  # a cancelled registration is not approved by a retry


# A person registered by two entities ------------------------------------------


async def test_a_focal_point_is_not_told_another_entity_registered_the_address(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    ours = await open_delegation(session["id"], austria)
    theirs = await open_delegation(session["id"], kenya)
    assert (await register(ours["id"], austria, email="same@person.test")).status_code == 201
    taken = await register(theirs["id"], kenya, email="SAME@person.test")
    fresh = await register(theirs["id"], kenya, email="nobody-else@person.test")
    assert taken.status_code == fresh.status_code == 201
    assert taken.json().keys() == fresh.json().keys()
    assert taken.json()["status"] == fresh.json()["status"] == "submitted"
    assert taken.json()["also_registered_by"] is None  # the focal point never sees conflicts
    # A person is still registered once in a delegation (that tells the focal point nothing new).
    twice = await register(theirs["id"], kenya, email="same@person.test")
    assert twice.status_code == 409 and twice.json()["errors"][0]["field"] == "email"
    # Substituting in an address another entity registered is accepted the same way.
    await register(ours["id"], austria, email="austrian@person.test")
    other = (await register(theirs["id"], kenya, email="second@person.test")).json()
    newcomer = {"given_name": "Amina", "family_name": "Otieno", "email": "austrian@person.test"}
    swapped = await client.post(
        f"/api/registrations/{other['id']}/substitution", json=newcomer, headers=kenya
    )
    assert swapped.status_code == 200, swapped.text


async def test_the_secretariat_sees_such_conflicts_and_resolves_them(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    ours = (
        await register(
            (await open_delegation(session["id"], austria))["id"], austria, email="x@person.test"
        )
    ).json()
    kenya_delegation = await open_delegation(session["id"], kenya)
    theirs = (await register(kenya_delegation["id"], kenya, email="x@person.test")).json()
    alone = (await register(kenya_delegation["id"], kenya)).json()
    queue = f"/api/sessions/{session['id']}/registrations"
    conflicts = (
        await client.get(queue, params={"conflicts": "true"}, headers=bodies)
    ).json()["items"]
    assert sorted(r["id"] for r in conflicts) == sorted([ours["id"], theirs["id"]])
    by_id = {r["id"]: r["also_registered_by"] for r in conflicts}
    assert by_id[ours["id"]] == [
        {"registration_id": theirs["id"], "entity": "Kenya", "status": "submitted"}
    ]
    assert by_id[theirs["id"]][0]["entity"] == "Austria"
    everyone = (await client.get(queue, headers=bodies)).json()["items"]
    assert {r["id"]: r["also_registered_by"] for r in everyone}[alone["id"]] == []

    approved = await client.post(f"/api/registrations/{ours['id']}/approval", headers=bodies)
    assert approved.status_code == 200
    second = await client.post(f"/api/registrations/{theirs['id']}/approval", headers=bodies)
    assert second.status_code == 409
    assert "already approved for this session in the delegation of Austria" in second.json()["detail"]
    rejected = await client.post(
        f"/api/registrations/{theirs['id']}/rejection",
        json={"reason": "Registered by the Permanent Mission of Austria"},
        headers=bodies,
    )
    assert rejected.json()["status"] == "rejected"
    left = (await client.get(queue, params={"conflicts": "true"}, headers=bodies)).json()
    assert (left["items"], left["total"]) == ([], 0)


# Limits raised while people wait ------------------------------------------------


async def test_raising_a_delegations_quota_promotes_whoever_now_fits(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    *_, waiting, later = [(await register(delegation["id"], austria)).json() for _ in range(4)]
    assert (waiting["status"], later["status"]) == ("waitlisted", "waitlisted")
    raised = await client.patch(
        f"/api/delegations/{delegation['id']}", json={"in_person_quota": 3}, headers=bodies
    )
    assert raised.status_code == 200
    assert [r["status"] for r in raised.json()["registrations"]][2:] == ["submitted", "waitlisted"]
    assert raised.json()["places"]["in_person"] == {"limit": 3, "used": 3, "left": 0}
    assert await _subjects(waiting["email"]) == [
        "Registration on the waiting list",
        "A place has become available",
    ]
    assert (await _status(client, later["id"], austria))["waitlist_position"] == 1


async def test_a_larger_room_or_another_format_promotes_whoever_now_fits(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    # Room for 4: Austria and Kenya hold two seats each; Brazil's delegate waits for the room,
    # Austria's third for the delegation's quota of two.
    for headers in (austria, kenya):
        delegation = await open_delegation(session["id"], headers)
        for _ in range(2):
            await register(delegation["id"], headers)
    brazil = await open_delegation(session["id"], bodies, entity_id=await entity_id("Brazil"))
    for_the_room = (await register(brazil["id"], bodies)).json()
    austrias = (await client.get(f"/api/sessions/{session['id']}/delegations", headers=austria))
    third = (await register(austrias.json()["items"][0]["id"], austria)).json()
    assert (for_the_room["status"], third["status"]) == ("waitlisted", "waitlisted")

    larger = await client.patch(
        f"/api/sessions/{session['id']}", json={"room_capacity": 5}, headers=bodies
    )
    assert larger.status_code == 200, larger.text
    assert (await _status(client, for_the_room["id"], bodies))["status"] == "submitted"
    assert (await _status(client, third["id"], bodies))["status"] == "waitlisted"

    # An in-person session has no per-delegation quota: Austria's third fits (room 6).
    await client.patch(f"/api/sessions/{session['id']}", json={"room_capacity": 6}, headers=bodies)
    assert (await _status(client, third["id"], bodies))["status"] == "waitlisted"
    in_person = await client.patch(
        f"/api/sessions/{session['id']}", json={"format": "in_person"}, headers=bodies
    )
    assert in_person.status_code == 200, in_person.text
    assert in_person.json()["in_person_quota"] is None
    assert (await _status(client, third["id"], bodies))["status"] == "submitted"
    history = (await client.get(f"/api/registrations/{third['id']}/history", headers=bodies)).json()
    assert [(e["action"], e["actor"]) for e in history][-1][0] == "promoted"
