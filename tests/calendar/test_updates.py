"""Every change a calendar shows reaches the delegates' calendars, with a higher SEQUENCE.

A sitting's event shows its title, time, room, link, status and agenda, and
its session's title (which comes from the session's subject and its bodies'
names), venue and link. Whichever of these changes, each approved delegate
gets an update (REQUEST, same UID, higher SEQUENCE), the feeds show the new
SEQUENCE, and their ETag and Last-Modified move.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from typing import Any

from httpx import AsyncClient

from tests.calendar.conftest import (
    add_item,
    add_sitting,
    calendar_forms,
    outbox,
    read,
    register,
    uid_of,
)


async def _patch(client: AsyncClient, headers: dict[str, str], path: str, **body: Any) -> None:
    response = await client.patch(path, json=body, headers=headers)
    assert response.status_code == 200, response.text


async def _updates_since(count: int) -> list[tuple[str, int, str]]:
    """(subject, SEQUENCE, SUMMARY) of each calendar message the outbox gained after ``count``."""
    found = []
    for message in (await outbox())[count:]:
        [calendar] = [read(raw) for raw in calendar_forms(message)]
        [event] = calendar.events()
        assert calendar.ours["METHOD"] == "REQUEST"
        found.append((message["subject"], int(event["SEQUENCE"]), str(event["SUMMARY"])))
    return found


async def test_titles_agenda_and_names_reach_invited_calendars_as_updates(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    taken_up = await add_item(client, bodies, session["id"], "Organizational matters")
    other = await add_item(client, bodies, session["id"], "Review of implementation")
    sitting = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
        agenda_item_ids=[taken_up["id"]],
    )
    await register(session["id"])
    sessions_feed = read((await client.get("/calendar/sessions.ics")).content)
    assert sessions_feed.event(uid_of("session", session["id"]))["SEQUENCE"] == 0
    seen = len(await outbox())

    await _patch(client, bodies, f"/api/sittings/{sitting['id']}", title="Opening meeting")
    await _patch(client, bodies, f"/api/sessions/{session['id']}", subject="(special, resumed)")
    await _patch(client, bodies, "/api/bodies/IRG", name="Implementation Review Group; Vienna")
    await _patch(client, bodies, f"/api/agenda-items/{taken_up['id']}", title="Organization")
    await _patch(client, bodies, f"/api/agenda-items/{other['id']}", title="Not at this sitting")
    await _patch(client, bodies, f"/api/sittings/{sitting['id']}", agenda_item_ids=[])

    title = "Eleventh session of the Implementation Review Group"
    renamed = "Eleventh session of the Implementation Review Group; Vienna"
    assert await _updates_since(seen) == [
        (f"Updated: {title}: Opening meeting", 1, f"{title}: Opening meeting"),
        (
            f"Updated: {title} (special, resumed): Opening meeting",
            2,
            f"{title} (special, resumed): Opening meeting",
        ),
        (
            f"Updated: {renamed} (special, resumed): Opening meeting",
            3,
            f"{renamed} (special, resumed): Opening meeting",
        ),
        (  # the reworded item it takes up; the other item's new words are not in its event
            f"Updated: {renamed} (special, resumed): Opening meeting",
            4,
            f"{renamed} (special, resumed): Opening meeting",
        ),
        (  # no longer takes the item up
            f"Updated: {renamed} (special, resumed): Opening meeting",
            5,
            f"{renamed} (special, resumed): Opening meeting",
        ),
    ]
    feed = read((await client.get(f"/calendar/sessions/{session['id']}/sittings.ics")).content)
    assert feed.event(uid_of("sitting", sitting["id"]))["SEQUENCE"] == 5
    # The session's own all-day event: its subject and its body's name are in its title.
    sessions_feed = read((await client.get("/calendar/sessions.ics")).content)
    event = sessions_feed.event(uid_of("session", session["id"]))
    assert (event["SEQUENCE"], str(event["SUMMARY"])) == (2, f"{renamed} (special, resumed)")
    assert sessions_feed.their_events()[uid_of("session", session["id"])].sequence.value == "2"


async def test_a_change_in_the_same_second_as_a_fetch_is_never_answered_304(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    sitting = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
    )
    for path in (f"/calendar/sessions/{session['id']}/sittings.ics", "/calendar/sessions.ics"):
        first = await client.get(path)
        since = {"If-Modified-Since": first.headers["last-modified"]}
        # Never a time after the answer's own, even for a change made this very second.
        assert email.utils.parsedate_to_datetime(since["If-Modified-Since"]) <= datetime.now(UTC)
        if path.endswith("sittings.ics"):
            await _patch(client, bodies, f"/api/sittings/{sitting['id']}", room="Room M3")
        else:
            await _patch(client, bodies, f"/api/sessions/{session['id']}", city="Wien")
        again = await client.get(path, headers=since)
        assert again.status_code == 200, path
        assert again.headers["etag"] != first.headers["etag"]


async def test_dtstamp_is_when_the_feed_was_made_and_last_modified_when_the_sitting_changed(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    sitting = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
    )
    asked = datetime.now(UTC).replace(microsecond=0)
    feed = read((await client.get(f"/calendar/sessions/{session['id']}/sittings.ics")).content)
    event = feed.event(uid_of("sitting", sitting["id"]))
    assert event["DTSTAMP"].dt >= asked
    assert event["LAST-MODIFIED"].dt <= event["DTSTAMP"].dt


async def test_an_empty_personal_feed_still_holds_a_component(
    client: AsyncClient, delegate: dict[str, str]
) -> None:
    """RFC 5545's grammar needs one component at least: the feed's own zone's definition."""
    link = (await client.get("/api/me/calendar-feed", headers=delegate)).json()["url"]
    raw = (await client.get(link.replace("http://convene.test", ""))).content
    feed = read(raw)
    assert feed.events() == []
    [zone] = feed.ours.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Vienna"
