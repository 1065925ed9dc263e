"""A registration's life reaches the delegate's calendar: invited on approval, withdrawn after.

These go through the real HTTP routes, so the registration services and the
session services are what send the calendar messages, in their transactions.
"""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.calendar.conftest import (
    DELEGATE_EMAIL,
    Read,
    add_sitting,
    calendar_forms,
    cancel_sitting,
    outbox,
    read,
    register,
    uid_of,
)

JOIN_LINK = "https://join.example/irg-11"


async def _calendar_messages() -> list[tuple[str, str, Read]]:
    """(recipient, method, calendar) of each outbox message that carries one (one sitting each)."""
    found = []
    for message in await outbox():
        for raw in calendar_forms(message):
            calendar = read(raw)
            found.append((message["recipient"], str(calendar.ours["METHOD"]), calendar))
    return found


def _uids(messages: list[tuple[str, str, Read]]) -> list[str]:
    return [str(event["UID"]) for _, _, calendar in messages for event in calendar.events()]


async def _post(client: AsyncClient, headers: dict[str, str], path: str, **body: Any) -> None:
    response = await client.post(path, json=body or None, headers=headers)
    assert response.status_code == 200, response.text


async def _session_with_two_sittings(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    session = await create_session(join_link=JOIN_LINK)
    sittings = [
        await add_sitting(
            client,
            bodies,
            session["id"],
            starts_at=f"2020-08-31T{start}",
            ends_at=f"2020-08-31T{end}",
            room="Board Room D",
        )
        for start, end in (("10:00", "13:00"), ("15:00", "18:00"))
    ]
    return session, sittings


async def test_approval_invites_and_cancellation_withdraws_every_sitting(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session, sittings = await _session_with_two_sittings(client, create_session, bodies)
    registration = await register(session["id"], status="submitted")
    assert await _calendar_messages() == []  # submitted is not yet invited

    await _post(client, bodies, f"/api/registrations/{registration}/approval")
    invited = await _calendar_messages()
    assert {(recipient.rsplit("<")[-1], method) for recipient, method, _ in invited} == {
        (f"{DELEGATE_EMAIL}>", "REQUEST")
    }
    assert _uids(invited) == [uid_of("sitting", sitting["id"]) for sitting in sittings]

    await _post(client, bodies, f"/api/registrations/{registration}/cancellation")
    withdrawn = (await _calendar_messages())[2:]
    assert {(recipient.rsplit("<")[-1], method) for recipient, method, _ in withdrawn} == {
        (f"{DELEGATE_EMAIL}>", "CANCEL")
    }
    assert _uids(withdrawn) == [uid_of("sitting", sitting["id"]) for sitting in sittings]
    assert {e["STATUS"] for _, _, c in withdrawn for e in c.events()} == {"CANCELLED"}


async def test_rejecting_a_request_never_approved_sends_no_calendar_message(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session, _sittings = await _session_with_two_sittings(client, create_session, bodies)
    registration = await register(session["id"], status="submitted")
    await _post(client, bodies, f"/api/registrations/{registration}/rejection", reason="Duplicate")
    assert await _calendar_messages() == []


async def test_a_substitution_withdraws_the_invitations_from_the_person_replaced(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session, sittings = await _session_with_two_sittings(client, create_session, bodies)
    registration = await register(session["id"], status="submitted")
    await _post(client, bodies, f"/api/registrations/{registration}/approval")
    newcomer = {
        "honorific": "Mr.",
        "given_name": "Jakob",
        "family_name": "Gruber",
        "email": "jakob.gruber@austria.example",
    }
    await _post(client, bodies, f"/api/registrations/{registration}/substitution", **newcomer)
    withdrawn = (await _calendar_messages())[2:]
    assert {(r.rsplit("<")[-1], method) for r, method, _ in withdrawn} == {
        (f"{DELEGATE_EMAIL}>", "CANCEL")
    }

    await _post(client, bodies, f"/api/registrations/{registration}/approval")
    invited = (await _calendar_messages())[4:]
    assert {(r.rsplit("<")[-1], method) for r, method, _ in invited} == {
        ("jakob.gruber@austria.example>", "REQUEST")
    }
    assert _uids(invited) == [uid_of("sitting", sitting["id"]) for sitting in sittings]


async def test_switching_to_online_sends_the_join_link_instead_of_the_room(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session, _sittings = await _session_with_two_sittings(client, create_session, bodies)
    registration = await register(session["id"], status="submitted")
    await _post(client, bodies, f"/api/registrations/{registration}/approval")
    await _post(client, bodies, f"/api/registrations/{registration}/mode", mode="online_speaking")

    messages = await _calendar_messages()
    in_person, online = messages[:2], messages[2:]
    assert {method for _, method, _ in messages} == {"REQUEST"}
    assert {str(c.events()[0]["LOCATION"]) for _, _, c in in_person} == {
        "Board Room D, Vienna International Centre, Vienna"
    }
    assert {str(c.events()[0]["LOCATION"]) for _, _, c in online} == {JOIN_LINK}
    assert {str(c.events()[0]["CONFERENCE"]) for _, _, c in online} == {JOIN_LINK}


async def test_a_new_venue_updates_every_live_sitting_in_calendars(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session, (kept, dropped) = await _session_with_two_sittings(client, create_session, bodies)
    await cancel_sitting(client, bodies, dropped["id"])
    await register(session["id"])  # approved

    response = await client.patch(
        f"/api/sessions/{session['id']}", json={"venue_name": "Austria Center Vienna"}, headers=bodies
    )
    assert response.status_code == 200, response.text
    [(_, method, calendar)] = await _calendar_messages()
    event = calendar.event(uid_of("sitting", kept["id"]))
    assert method == "REQUEST" and event["SEQUENCE"] == 1
    assert str(event["LOCATION"]) == "Board Room D, Austria Center Vienna, Vienna"
    sittings = (await client.get(f"/api/sessions/{session['id']}/sittings", headers=bodies)).json()
    assert [(s["status"], s["sequence"]) for s in sittings] == [("scheduled", 1), ("cancelled", 1)]


async def test_cancelling_the_session_cancels_its_sittings_in_every_calendar(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session, sittings = await _session_with_two_sittings(client, create_session, bodies)
    await register(session["id"])  # approved

    response = await client.patch(
        f"/api/sessions/{session['id']}", json={"status": "cancelled"}, headers=bodies
    )
    assert response.status_code == 200, response.text
    messages = await _calendar_messages()
    assert [method for _, method, _ in messages] == ["CANCEL", "CANCEL"]
    assert _uids(messages) == [
        uid_of("sitting", sitting["id"]) for sitting in sittings
    ]
    listed = (await client.get(f"/api/sessions/{session['id']}/sittings", headers=bodies)).json()
    assert [(s["status"], s["sequence"]) for s in listed] == [("cancelled", 1), ("cancelled", 1)]
    feed = await client.get(f"/calendar/sessions/{session['id']}/sittings.ics")
    assert feed.status_code == 200, feed.text
    assert {str(e["STATUS"]) for e in read(feed.content).events()} == {"CANCELLED"}


async def test_a_corrected_address_moves_the_invitations_and_keeps_the_approval(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session, sittings = await _session_with_two_sittings(client, create_session, bodies)
    registration = await register(session["id"], status="submitted")
    await _post(client, bodies, f"/api/registrations/{registration}/approval")
    invited = await _calendar_messages()

    corrected = await client.patch(
        f"/api/registrations/{registration}",
        json={"family_name": "Huber-Lang", "email": "anna.huber@bmeia.example"},
        headers=bodies,
    )
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["status"] == "approved"  # the same person: no new approval
    moved = (await _calendar_messages())[len(invited):]
    assert [(r.rsplit("<")[-1], method) for r, method, _ in moved] == [
        (f"{DELEGATE_EMAIL}>", "CANCEL"),
        (f"{DELEGATE_EMAIL}>", "CANCEL"),
        ("anna.huber@bmeia.example>", "REQUEST"),
        ("anna.huber@bmeia.example>", "REQUEST"),
    ]
    assert _uids(moved) == [uid_of("sitting", s["id"]) for s in sittings] * 2
    told = [m["text"] for m in await outbox() if m["subject"].startswith("Cancelled")]
    assert told and all("now has another e-mail address" in text for text in told)
    assert not any("no longer approved" in text for text in told)  # she still is

    renamed = await client.patch(
        f"/api/registrations/{registration}", json={"given_name": "Anna Maria"}, headers=bodies
    )
    assert renamed.json()["status"] == "approved"
    assert len(await _calendar_messages()) == len(invited) + 4  # a new name moves nothing
