"""Sittings: inside the session, one per room at a time, in the venue's time."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient


async def _sitting(
    client: AsyncClient, session_id: int, headers: dict[str, str], **fields: Any
) -> Any:
    return await client.post(f"/api/sessions/{session_id}/sittings", json=fields, headers=headers)


async def test_two_sittings_cannot_share_a_room_at_the_same_time(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    first = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
    )
    assert first.status_code == 201, first.text
    assert first.json()["title"] == "1st meeting"
    clash = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T12:00",
        ends_at="2020-08-31T14:00",
        room="board room d",
    )
    assert clash.status_code == 409
    assert clash.json()["errors"][0]["field"] == "room"
    assert "Board Room D is taken by the 1st meeting" in clash.json()["detail"]
    elsewhere = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T12:00",
        ends_at="2020-08-31T14:00",
        room="Room M3",
    )
    assert elsewhere.status_code == 201
    back_to_back = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T13:00",
        ends_at="2020-08-31T15:00",
        room="Board Room D",
    )
    assert back_to_back.status_code == 201
    assert back_to_back.json()["title"] == "3rd meeting"


async def test_another_session_at_the_venue_cannot_take_the_room_either(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    irg = await create_session()
    wgp = await create_session(parts=[{"body": "WGP", "number": 11}])
    await _sitting(
        client,
        irg["id"],
        bodies,
        starts_at="2020-09-01T15:00",
        ends_at="2020-09-01T18:00",
        room="Board Room D",
    )
    clash = await _sitting(
        client,
        wgp["id"],
        bodies,
        starts_at="2020-09-01T16:00",
        ends_at="2020-09-01T17:00",
        room="Board Room D",
    )
    assert clash.status_code == 409


async def test_a_cancelled_sitting_frees_its_room_and_raises_its_sequence(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    sitting = (
        await _sitting(
            client,
            session["id"],
            bodies,
            starts_at="2020-08-31T10:00",
            ends_at="2020-08-31T13:00",
            room="Board Room D",
        )
    ).json()
    cancelled = await client.post(f"/api/sittings/{sitting['id']}/cancellation", headers=bodies)
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["sequence"] == sitting["sequence"] + 1
    replacement = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
    )
    assert replacement.status_code == 201
    listed = (await client.get(f"/api/sessions/{session['id']}/sittings")).json()
    assert [s["status"] for s in listed] == ["cancelled", "scheduled"]


async def test_a_sitting_lies_within_its_session(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    before = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-30T10:00",
        ends_at="2020-08-30T13:00",
        room="Board Room D",
    )
    assert before.status_code == 422 and before.json()["errors"][0]["field"] == "starts_at"
    # 23:30 in Vienna on the last day is 21:30 UTC: inside. Half past midnight the next day is not.
    late = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-09-02T22:00+02:00",
        ends_at="2020-09-03T00:30+02:00",
        room="Board Room D",
    )
    assert late.status_code == 422 and late.json()["errors"][0]["field"] == "ends_at"
    backwards = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T13:00",
        ends_at="2020-08-31T10:00",
        room="Board Room D",
    )
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "ends_at"


async def test_venue_time_holds_across_a_daylight_saving_change(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    # Summer time in Vienna ends on 25 October 2020.
    session = await create_session(start_date="2020-10-23", end_date="2020-10-27")
    friday = (
        await _sitting(
            client,
            session["id"],
            bodies,
            starts_at="2020-10-23T10:00",
            ends_at="2020-10-23T13:00",
            room="Board Room D",
        )
    ).json()
    monday = (
        await _sitting(
            client,
            session["id"],
            bodies,
            starts_at="2020-10-26T10:00",
            ends_at="2020-10-26T13:00",
            room="Board Room D",
        )
    ).json()
    assert friday["starts_at"] == "2020-10-23T08:00:00Z"
    assert monday["starts_at"] == "2020-10-26T09:00:00Z"
    assert friday["local_starts_at"] == "2020-10-23T10:00:00+02:00"
    assert monday["local_starts_at"] == "2020-10-26T10:00:00+01:00"
    # A sitting that spans the change itself (Saturday evening to Sunday noon) keeps its true length.
    across = (
        await _sitting(
            client,
            session["id"],
            bodies,
            starts_at="2020-10-24T22:00",
            ends_at="2020-10-25T12:00",
            room="Room M3",
        )
    ).json()
    assert (
        across["starts_at"] == "2020-10-24T20:00:00Z"
        and across["ends_at"] == "2020-10-25T11:00:00Z"
    )


async def test_moving_renaming_or_rerooming_a_sitting_raises_its_sequence(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    sitting = (
        await _sitting(
            client,
            session["id"],
            bodies,
            starts_at="2020-08-31T10:00",
            ends_at="2020-08-31T13:00",
            room="Board Room D",
        )
    ).json()
    renamed = (
        await client.patch(
            f"/api/sittings/{sitting['id']}", json={"title": "Opening meeting"}, headers=bodies
        )
    ).json()
    assert renamed["sequence"] == 1  # calendars show the title: news to them
    moved = (
        await client.patch(
            f"/api/sittings/{sitting['id']}", json={"starts_at": "2020-08-31T11:00"}, headers=bodies
        )
    ).json()
    assert moved["sequence"] == 2 and moved["local_starts_at"] == "2020-08-31T11:00:00+02:00"
    rerouted = (
        await client.patch(
            f"/api/sittings/{sitting['id']}", json={"room": "Room M3"}, headers=bodies
        )
    ).json()
    assert rerouted["sequence"] == 3
    same = (
        await client.patch(
            f"/api/sittings/{sitting['id']}", json={"room": "Room M3"}, headers=bodies
        )
    ).json()
    assert same["sequence"] == 3  # nothing a calendar shows changed


async def test_a_session_cannot_shrink_away_from_its_sittings(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-09-02T10:00",
        ends_at="2020-09-02T13:00",
        room="Board Room D",
    )
    shrunk = await client.patch(
        f"/api/sessions/{session['id']}", json={"end_date": "2020-09-01"}, headers=bodies
    )
    assert shrunk.status_code == 409
    assert "1st meeting" in shrunk.json()["detail"]


async def test_sittings_list_the_agenda_items_they_take_up(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    agenda = (
        await client.post(
            f"/api/sessions/{session['id']}/agenda/items",
            json={"title": "Organizational matters"},
            headers=bodies,
        )
    ).json()
    item_id = agenda["items"][0]["id"]
    sitting = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
        agenda_item_ids=[item_id],
    )
    assert sitting.json()["agenda_items"] == [
        {"id": item_id, "number": "1", "title": "Organizational matters"}
    ]
    foreign = await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T15:00",
        ends_at="2020-08-31T18:00",
        room="Board Room D",
        agenda_item_ids=[item_id + 999],
    )
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "agenda_item_ids"


async def test_online_links_are_for_the_secretariat_only(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    await _sitting(
        client,
        session["id"],
        bodies,
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
        online_link="https://join.example.org/s1",
    )
    public = (await client.get(f"/api/sessions/{session['id']}/sittings")).json()
    assert public[0]["online_link"] is None
    private = (await client.get(f"/api/sessions/{session['id']}/sittings", headers=bodies)).json()
    assert private[0]["online_link"] == "https://join.example.org/s1"
