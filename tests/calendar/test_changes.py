"""Feeds that stay right as plans change: validators, 304s, SEQUENCE, cancellation, links."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from httpx import AsyncClient

from convene.accounts.tables import Account
from convene.calendar.tables import CalendarFeed
from convene.delegations.tables import Registration
from convene.meetings.tables import Session
from convene.sittings.tables import Sitting
from tests.calendar.conftest import (
    DELEGATE_EMAIL,
    add_item,
    add_sitting,
    cancel_sitting,
    change_sitting,
    read,
    register,
    sitting_in_board_room_d,
    uid_of,
)


async def _as_if_made_a_minute_ago(session_id: int) -> None:
    """Last-Modified names the second after the last change, once that second has passed."""
    then = datetime.now(UTC) - timedelta(minutes=1)
    await Session.update({Session.updated_at: then}).where(Session.id == session_id)
    await Sitting.update({Sitting.updated_at: then}).where(Sitting.session == session_id)


async def test_a_matching_validator_gets_304_and_every_change_a_new_etag(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    item = await add_item(client, bodies, session["id"], "Organizational matters")
    sitting = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
        agenda_item_ids=[item["id"]],
    )
    path = f"/calendar/sessions/{session['id']}/sittings.ics"
    await _as_if_made_a_minute_ago(session["id"])
    first = await client.get(path)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('W/"')

    unchanged = await client.get(path, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["etag"] == etag and unchanged.headers["last-modified"] == last_modified
    assert (
        await client.get(path, headers={"If-None-Match": f'"other", {etag}'})
    ).status_code == 304
    assert (await client.get(path, headers={"If-None-Match": '"other"'})).status_code == 200
    assert (await client.get(path, headers={"If-Modified-Since": last_modified})).status_code == 304
    earlier = email.utils.parsedate_to_datetime(last_modified) - timedelta(seconds=1)
    since_earlier = {"If-Modified-Since": email.utils.format_datetime(earlier, usegmt=True)}
    assert (await client.get(path, headers=since_earlier)).status_code == 200
    assert (await client.get(path, headers={"If-Modified-Since": "not a date"})).status_code == 200

    # HEAD: the same headers as GET, with the feed's length, and no body.
    head = await client.head(path)
    assert head.status_code == 200 and head.content == b""
    assert (
        head.headers["etag"] == etag
        and head.headers["content-type"] == first.headers["content-type"]
    )
    assert head.headers["content-length"] == str(len(first.content))
    assert (await client.head(path, headers={"If-None-Match": etag})).status_code == 304

    # A new title of an agenda item (no timestamp anywhere) still changes the feed's ETag.
    renamed = await client.patch(
        f"/api/agenda-items/{item['id']}", json={"title": "Organisational matters"}, headers=bodies
    )
    assert renamed.status_code == 200, renamed.text
    after_rename = await client.get(path, headers={"If-None-Match": etag})
    assert after_rename.status_code == 200 and after_rename.headers["etag"] != etag
    assert "1. Organisational matters" in read(after_rename.content).events()[0]["DESCRIPTION"]

    etag = after_rename.headers["etag"]
    await change_sitting(client, bodies, sitting["id"], room="Room M3")
    moved = await client.get(path, headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.headers["etag"] != etag
    assert read(moved.content).events()[0]["LOCATION"].startswith("Room M3")


async def test_a_reschedule_raises_sequence_and_a_cancellation_stays_in_the_feed(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    sitting = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-08-31", "10:00", "13:00"
    )
    path = f"/calendar/sessions/{session['id']}/sittings.ics"
    uid = uid_of("sitting", sitting["id"])
    assert read((await client.get(path)).content).event(uid)["SEQUENCE"] == 0

    await change_sitting(
        client, bodies, sitting["id"], starts_at="2020-08-31T11:00", ends_at="2020-08-31T14:00"
    )
    moved = read((await client.get(path)).content)
    assert moved.event(uid)["SEQUENCE"] == 1
    assert moved.their_events()[uid].sequence.value == "1"
    assert moved.event(uid)["DTSTART"].to_ical() == b"20200831T110000"

    await change_sitting(client, bodies, sitting["id"], title="First meeting")  # shown: news
    assert read((await client.get(path)).content).event(uid)["SEQUENCE"] == 2

    await cancel_sitting(client, bodies, sitting["id"])
    cancelled = read((await client.get(path)).content)
    event = cancelled.event(uid)
    assert (event["STATUS"], event["SEQUENCE"]) == ("CANCELLED", 3)
    assert cancelled.their_events()[uid].status.value == "CANCELLED"
    assert "This sitting has been cancelled." in event["DESCRIPTION"]


async def test_a_personal_feed_follows_the_persons_registrations(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], delegate: dict[str, str]
) -> None:
    session = await create_session()
    sitting = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-08-31", "10:00", "13:00"
    )
    path = (
        (await client.get("/api/me/calendar-feed", headers=delegate))
        .json()["url"]
        .removeprefix("http://convene.test")
    )
    empty = await client.get(path)
    assert empty.status_code == 200 and read(empty.content).events() == []

    registration = await register(session["id"], mode="in_person")
    with_sitting = await client.get(path, headers={"If-None-Match": empty.headers["etag"]})
    assert with_sitting.status_code == 200
    assert [str(e["UID"]) for e in read(with_sitting.content).events()] == [
        uid_of("sitting", sitting["id"])
    ]

    await Registration.update({Registration.status: "cancelled"}).where(
        Registration.id == registration
    )
    gone = await client.get(path, headers={"If-None-Match": with_sitting.headers["etag"]})
    assert gone.status_code == 200 and read(gone.content).events() == []


async def test_feed_links_are_kept_rotated_and_revoked(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], delegate: dict[str, str]
) -> None:
    assert (await client.get("/api/me/calendar-feed")).status_code == 401
    first = (await client.get("/api/me/calendar-feed", headers=delegate)).json()
    assert (await client.get("/api/me/calendar-feed", headers=delegate)).json() == first
    old_path = first["url"].removeprefix("http://convene.test")
    assert (await client.get(old_path)).status_code == 200

    rotated = await client.post("/api/me/calendar-feed/rotation", headers=delegate)
    assert rotated.status_code == 201
    new_path = rotated.json()["url"].removeprefix("http://convene.test")
    assert new_path != old_path
    assert (await client.get(old_path)).status_code == 404
    assert (await client.get(new_path)).status_code == 200
    assert (await client.get("/api/me/calendar-feed", headers=delegate)).json() == rotated.json()

    assert (await client.delete("/api/me/calendar-feed", headers=delegate)).status_code == 204
    assert (await client.get(new_path)).status_code == 404
    again = (await client.get("/api/me/calendar-feed", headers=delegate)).json()
    assert again["url"] not in {first["url"], rotated.json()["url"]}


async def test_only_a_hash_and_a_nonce_of_the_link_are_stored(
    client: AsyncClient, delegate: dict[str, str]
) -> None:
    link = (await client.get("/api/me/calendar-feed", headers=delegate)).json()
    token = link["url"].split("/")[-2]
    [row] = await CalendarFeed.select()
    assert token not in row.values()
    assert all(token not in str(value) for value in row.values())


async def test_a_deactivated_account_has_no_feed(
    client: AsyncClient, delegate: dict[str, str]
) -> None:
    path = (
        (await client.get("/api/me/calendar-feed", headers=delegate))
        .json()["url"]
        .removeprefix("http://convene.test")
    )
    assert (await client.get(path)).status_code == 200
    await Account.update({Account.is_active: False}).where(Account.email == DELEGATE_EMAIL)
    assert (await client.get(path)).status_code == 404


async def test_a_real_server_answers_304_until_the_sitting_moves(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], live_server: str
) -> None:
    """Through ``convene serve`` with its connection pool open, as calendar programs poll it."""
    session = await create_session()
    sitting = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-08-31", "10:00", "13:00"
    )
    path = f"/calendar/sessions/{session['id']}/sittings.ics"
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as calendar_program:
        first = await calendar_program.get(path)
        etag = first.headers["etag"]
        polls = [await calendar_program.get(path, headers={"If-None-Match": etag}) for _ in "ab"]
        assert [poll.status_code for poll in polls] == [304, 304]

        await change_sitting(client, bodies, sitting["id"], starts_at="2020-08-31T11:00")
        moved = await calendar_program.get(path, headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.headers["etag"] != etag
    event = read(moved.content).event(uid_of("sitting", sitting["id"]))
    assert event["SEQUENCE"] == 1
