"""Who can take the floor, from presence: a seat in the room, or a ready online speaker.

Also the chair's console acts: two consoles pressing "next" at once advance the list once; the
timer; the record of who spoke.
"""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient

from convene.speakers.record import names_joined
from convene.translation import using_locale

from tests.speakers.world import act, ask, enter, open_floor, version


async def _token(client: AsyncClient, registration_id: int, headers: dict[str, str]) -> str:
    links = await client.get(f"/api/registrations/{registration_id}/join-links", headers=headers)
    return str(links.json()[0]["url"].rsplit("/join/", 1)[1])


async def _join(client: AsyncClient, registration_id: int, headers: dict[str, str]) -> str:
    token = await _token(client, registration_id, headers)
    joined = await client.post(f"/api/join/{token}")
    assert joined.status_code == 200, joined.text
    return token


async def test_the_chair_passes_over_delegations_no_one_can_speak_for_and_they_keep_their_place(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    await ask(client, floor, "Egypt")
    await ask(client, floor, "Brazil")
    await ask(client, floor, "Austria")
    await enter(client, floor, "Austria")
    brazil = floor.person("Brazil")
    await _join(client, brazil["id"], bodies)

    called = (await act(client, floor, "call")).json()
    assert called["state"]["current"]["entity"] == "Austria"
    assert called["state"]["current"]["mode"] == "room"
    assert [p["reason"] for p in called["passed_over"]] == [
        "No one of Egypt is in the room or online with a speaking link",
        f"Ms. {brazil['given_name']} {brazil['family_name'].upper()} of Brazil is online, "
        "but their sound has not been checked",
    ]
    assert [e["entity"] for e in called["state"]["waiting"]] == ["Egypt", "Brazil"]

    refused = await act(client, floor, "call", entry_id=called["state"]["waiting"][0]["id"])
    assert refused.status_code == 409
    assert refused.json()["detail"] == "No one of Egypt is in the room or online with a speaking link"

    checked = await client.post(
        f"/api/sittings/{floor.world.sitting_id}/sound-checks",
        json={"registration_id": brazil["id"]},
        headers=bodies,
    )
    assert checked.status_code == 200, checked.text
    console = (await client.get(f"/api/speaker-lists/{floor.list_id}/console", headers=bodies)).json()
    assert [(a["can_speak"], a["mode"]) for a in console["availability"]] == [
        (False, ""),
        (True, "online"),
    ]
    online = (await act(client, floor, "call")).json()
    assert online["state"]["current"]["entity"] == "Brazil"
    assert online["state"]["current"]["mode"] == "online"
    assert [e["entity"] for e in online["state"]["waiting"]] == ["Egypt"]


async def test_online_listeners_cannot_ask_for_the_floor(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    listener = floor.person("Brazil", 1)
    refused = await ask(client, floor, "Brazil", registration_id=listener["id"])
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["field"] == "registration_id"
    token = await _token(client, listener["id"], bodies)
    page = (await client.get(f"/api/floor/{token}")).json()
    assert page["may_ask"] is False
    by_link = await client.post(f"/api/floor/{token}/requests", json={"kind": "statement"})
    assert by_link.status_code == 409


async def test_a_delegate_asks_for_the_floor_through_their_link_sees_their_place_and_withdraws(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    await ask(client, floor, "Austria")
    speaker = floor.person("Brazil")
    token = await _join(client, speaker["id"], bodies)
    asked = await client.post(f"/api/floor/{token}/requests", json={"kind": "statement"})
    assert asked.status_code == 201, asked.text
    page = (await client.get(f"/api/floor/{token}")).json()
    mine = page["mine"]
    assert [(e["entity"], e["speaker"]) for e in mine] == [
        ("Brazil", f"Ms. {speaker['given_name']} {speaker['family_name'].upper()}")
    ]
    assert page["positions"][str(mine[0]["id"])] == 2
    austria = page["state"]["waiting"][0]["id"]
    not_theirs = await client.post(f"/api/floor/{token}/requests/{austria}/withdrawal")
    assert not_theirs.status_code == 404
    gone = await client.post(f"/api/floor/{token}/requests/{mine[0]['id']}/withdrawal")
    assert [e["entity"] for e in gone.json()["waiting"]] == ["Austria"]


async def test_two_consoles_pressing_next_at_once_advance_the_list_once(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    for state in ("Austria", "Egypt"):
        await enter(client, floor, state)
        await ask(client, floor, state)
    shown = await version(client, floor)
    path = f"/api/speaker-lists/{floor.list_id}/call"
    first, second = await asyncio.gather(
        *(client.post(path, json={"version": shown}, headers=bodies) for _ in range(2))
    )
    assert sorted([first.status_code, second.status_code]) == [200, 409]
    loser = second if second.status_code == 409 else first
    assert loser.json()["current"]["version"] == shown + 1
    assert loser.json()["current"]["current"]["entity"] == "Austria"
    assert [e["entity"] for e in loser.json()["current"]["waiting"]] == ["Egypt"]


async def test_the_timer_counts_only_while_running_and_the_record_says_who_spoke_how_long(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    floor = await open_floor(client, bodies)
    await enter(client, floor, "Austria")
    await enter(client, floor, "Andorra")
    await ask(client, floor, "Austria")
    await ask(client, floor, "Egypt", "group_statement", on_behalf_of="the Group of African States")
    await ask(client, floor, "Andorra")
    await enter(client, floor, "Egypt")
    await act(client, floor, "call")
    started = (await act(client, floor, "timer", action="start")).json()
    assert started["current"]["timer_started_at"] is not None
    paused = (await act(client, floor, "timer", action="pause")).json()
    assert paused["current"]["timer_started_at"] is None
    await act(client, floor, "call")
    await act(client, floor, "call")
    stopped = (await act(client, floor, "timer", action="stop")).json()
    assert stopped["current"] is None and stopped["spoken"] == 3

    session = floor.world.session_id
    spoken = (await client.get(f"/api/sessions/{session}/speakers")).json()
    assert [(r["entity"], r["mode"]) for r in spoken] == [
        ("Egypt", "room"),
        ("Austria", "room"),
        ("Andorra", "room"),
    ]
    paragraphs = (await client.get(f"/api/sessions/{session}/speakers/report-paragraphs")).json()
    assert list(paragraphs.values()) == [
        "Statements were made by the representatives of Egypt (on behalf of the Group of "
        "African States) and Austria, in the order in which they spoke; the observer for "
        "Andorra also made a statement."
    ]
    csv = await client.get(f"/api/sessions/{session}/speakers/record.csv")
    assert csv.status_code == 200
    assert "Statement on behalf of a group" in csv.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("language", "listed"),
    [("en", "Egypt, Austria and Brazil"), ("fr", "Egypt, Austria et Brazil"), ("zh", "Egypt、Austria和Brazil")],
)
def test_the_report_s_paragraph_lists_the_speakers_as_its_language_does(language: str, listed: str) -> None:
    with using_locale(language):
        assert names_joined(["Egypt", "Austria", "Brazil"]) == listed
