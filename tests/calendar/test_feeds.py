"""Feeds: what subscribers see, read back by two parsers, in the venue's time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from httpx import AsyncClient

from convene.sittings.tables import Sitting
from tests.calendar.conftest import (
    add_item,
    add_sitting,
    as_text,
    assert_times,
    new_york,
    read,
    register,
    sitting_in_board_room_d,
    uid_of,
)


async def _feed(client: AsyncClient, path: str, **headers: str) -> Any:
    response = await client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    return response


async def test_a_session_feed_keeps_venue_time_across_the_end_of_summer_time(
    client: AsyncClient, vienna_autumn: Any, bodies: dict[str, str]
) -> None:
    session = await vienna_autumn()
    opening = await add_item(client, bodies, session["id"], "Organizational matters")
    await add_item(client, bodies, session["id"], "Opening of the session", parent_id=opening["id"])
    adoption = await add_item(
        client, bodies, session["id"], "Adoption of the agenda", parent_id=opening["id"]
    )
    friday = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-10-23T10:00",
        ends_at="2020-10-23T13:00",
        room="Board Room D",
        agenda_item_ids=[adoption["id"]],
    )
    across = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-10-24T22:00",
        ends_at="2020-10-25T12:00",
        room="Room M3",
    )
    monday = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-10-26", "10:00", "13:00"
    )

    response = await _feed(client, f"/calendar/sessions/{session['id']}/sittings.ics")
    calendar = read(response.content)

    vienna = "Europe/Vienna"
    assert_times(
        calendar,
        uid_of("sitting", friday["id"]),
        datetime(2020, 10, 23, 8, tzinfo=UTC),
        datetime(2020, 10, 23, 11, tzinfo=UTC),
        vienna,
    )
    # Saturday 22:00 summer time to Sunday 12:00 winter time: fifteen hours, not fourteen.
    assert_times(
        calendar,
        uid_of("sitting", across["id"]),
        datetime(2020, 10, 24, 20, tzinfo=UTC),
        datetime(2020, 10, 25, 11, tzinfo=UTC),
        vienna,
    )
    assert_times(
        calendar,
        uid_of("sitting", monday["id"]),
        datetime(2020, 10, 26, 9, tzinfo=UTC),
        datetime(2020, 10, 26, 12, tzinfo=UTC),
        vienna,
    )
    assert (
        str(calendar.event(uid_of("sitting", monday["id"]))["DTSTART"].to_ical().decode())
        == "20201026T100000"
    )

    text = response.content.decode()
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    [zone] = calendar.ours.walk("VTIMEZONE")
    assert zone["TZID"] == vienna
    assert calendar.ours["METHOD"] == "PUBLISH"
    title = "Eleventh session of the Implementation Review Group"
    assert calendar.ours["X-WR-CALNAME"] == calendar.ours["NAME"] == f"{title}: sittings"
    assert calendar.ours["X-WR-TIMEZONE"] == vienna
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text and "X-PUBLISHED-TTL:PT1H" in text
    assert as_text(calendar.ours["X-WR-CALDESC"]) == calendar.ours["DESCRIPTION"]
    assert calendar.theirs.x_wr_calname.value == f"{title}: sittings"

    event = calendar.event(uid_of("sitting", friday["id"]))
    assert event["SUMMARY"] == f"{title}: 1st meeting"
    assert event["LOCATION"] == "Board Room D, Vienna International Centre, Vienna"
    assert event["URL"] == f"http://convene.test/sessions/{session['id']}"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    assert "1 (b). Adoption of the agenda" in event["DESCRIPTION"]
    assert "CONFERENCE" not in event  # the public never sees a join link
    stored = await Sitting.select(Sitting.updated_at).where(Sitting.id == friday["id"]).first()
    assert event.last_modified == stored["updated_at"].astimezone(UTC).replace(microsecond=0)
    their = calendar.their_events()[uid_of("sitting", friday["id"])]
    assert their.summary.value == f"{title}: 1st meeting"
    assert "1 (b). Adoption of the agenda" in their.description.value


async def test_a_personal_feed_spans_two_time_zones_and_shows_each_mode_its_place(
    client: AsyncClient,
    vienna_autumn: Any,
    create_session: Any,
    bodies: dict[str, str],
    delegate: dict[str, str],
) -> None:
    vienna = await vienna_autumn()
    ny = await create_session(**new_york())
    in_room = await add_sitting(
        client,
        bodies,
        vienna["id"],
        starts_at="2020-10-26T10:00",
        ends_at="2020-10-26T13:00",
        room="Board Room D",
    )
    own_link = await add_sitting(
        client,
        bodies,
        ny["id"],
        starts_at="2020-11-02T10:00",
        ends_at="2020-11-02T13:00",
        room="Conference Room 4",
        online_link="https://join.example/meeting-1",
    )
    session_link = await add_sitting(
        client,
        bodies,
        ny["id"],
        starts_at="2020-11-03T15:00",
        ends_at="2020-11-03T18:00",
        room="Conference Room 4",
    )
    await register(vienna["id"], mode="in_person")
    await register(ny["id"], mode="online_speaking")
    other = await create_session(
        parts=[{"body": "COSP", "number": 9}],
        start_date="2020-10-23",
        end_date="2020-10-27",
        symbol_prefix="CAC/COSP/2020",
    )
    await add_sitting(
        client,
        bodies,
        other["id"],
        starts_at="2020-10-23T10:00",
        ends_at="2020-10-23T13:00",
        room="Plenary",
    )
    await register(other["id"], status="submitted")  # not yet approved: not in the feed
    await register(other["id"], email="someone.else@austria.example")

    link = (await client.get("/api/me/calendar-feed", headers=delegate)).json()
    assert link["url"].startswith("http://convene.test/calendar/personal/")
    assert link["webcal_url"] == "webcal://" + link["url"].removeprefix("http://")
    response = await _feed(client, link["url"].removeprefix("http://convene.test"))
    assert response.headers["cache-control"] == "private, no-cache"
    calendar = read(response.content)

    assert sorted(str(e["UID"]) for e in calendar.events()) == sorted(
        uid_of("sitting", s["id"]) for s in (in_room, own_link, session_link)
    )
    assert [z["TZID"] for z in calendar.ours.walk("VTIMEZONE")] == [
        "America/New_York",
        "Europe/Vienna",
    ]
    assert_times(
        calendar,
        uid_of("sitting", in_room["id"]),
        datetime(2020, 10, 26, 9, tzinfo=UTC),
        datetime(2020, 10, 26, 12, tzinfo=UTC),
        "Europe/Vienna",
    )
    # 2 November 2020 is after the end of summer time in New York (1 November): UTC-5.
    assert_times(
        calendar,
        uid_of("sitting", own_link["id"]),
        datetime(2020, 11, 2, 15, tzinfo=UTC),
        datetime(2020, 11, 2, 18, tzinfo=UTC),
        "America/New_York",
    )
    assert_times(
        calendar,
        uid_of("sitting", session_link["id"]),
        datetime(2020, 11, 3, 20, tzinfo=UTC),
        datetime(2020, 11, 3, 23, tzinfo=UTC),
        "America/New_York",
    )

    room = calendar.event(uid_of("sitting", in_room["id"]))
    assert room["LOCATION"] == "Board Room D, Vienna International Centre, Vienna"
    assert "CONFERENCE" not in room and "join.example" not in room["DESCRIPTION"]
    online = calendar.event(uid_of("sitting", own_link["id"]))
    assert online["LOCATION"] == "https://join.example/meeting-1"
    assert "Join online: https://join.example/meeting-1" in online["DESCRIPTION"]
    assert online["CONFERENCE"] == "https://join.example/meeting-1"
    assert online["CONFERENCE"].params["FEATURE"] == ["AUDIO", "VIDEO"]
    assert online["CONFERENCE"].params["LABEL"] == "Interprefy"
    assert (
        calendar.event(uid_of("sitting", session_link["id"]))["CONFERENCE"]
        == "https://join.example/session-12"
    )
    their = calendar.their_events()[uid_of("sitting", own_link["id"])]
    assert their.conference.value == "https://join.example/meeting-1"
    assert their.location.value == "https://join.example/meeting-1"


async def test_session_feeds_are_all_day_events_with_an_exclusive_end(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    irg = await create_session()
    wgp = await create_session(**new_york())
    postponed = await client.patch(
        f"/api/sessions/{wgp['id']}", json={"status": "postponed"}, headers=bodies
    )
    assert postponed.status_code == 200, postponed.text
    await create_session(
        parts=[{"body": "COSP", "number": 9}], status="draft", symbol_prefix="CAC/COSP/2021"
    )

    calendar = read((await _feed(client, "/calendar/sessions.ics")).content)
    assert sorted(str(e["UID"]) for e in calendar.events()) == sorted(
        [uid_of("session", irg["id"]), uid_of("session", wgp["id"])]
    )
    event = calendar.event(uid_of("session", irg["id"]))
    assert event.start == date(2020, 8, 31) and event.end == date(2020, 9, 3)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event["TRANSP"] == "TRANSPARENT"
    assert calendar.event(uid_of("session", wgp["id"]))["STATUS"] == "TENTATIVE"
    their = calendar.their_events()[uid_of("session", irg["id"])]
    assert (their.dtstart.value, their.dtend.value) == (date(2020, 8, 31), date(2020, 9, 3))
    assert not calendar.ours.walk("VTIMEZONE")

    irg_only = read((await _feed(client, "/calendar/bodies/IRG/sessions.ics")).content)
    assert [str(e["UID"]) for e in irg_only.events()] == [uid_of("session", irg["id"])]
    assert irg_only.ours["X-WR-CALNAME"] == "Implementation Review Group: sessions"


async def test_unknown_feeds_answer_404_problems(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    draft = await create_session(status="draft")
    for path, what in (
        ("/calendar/bodies/NOPE/sessions.ics", "Body"),
        (f"/calendar/sessions/{draft['id']}/sittings.ics", "Session"),
        ("/calendar/sessions/999999/sittings.ics", "Session"),
        ("/calendar/personal/not-a-token/sittings.ics", "Calendar feed"),
    ):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"] == f"{what} not found"
    assert (await client.get("/calendar/sessions/eleven/sittings.ics")).status_code == 404


async def test_names_and_titles_in_any_script_survive_escaping_and_folding(
    client: AsyncClient, bodies: dict[str, str]
) -> None:
    name = "مجموعة استعراض التنفيذ; 审议实施情况小组, Группа по обзору хода осуществления"
    await client.post(
        "/api/bodies",
        headers=bodies,
        json={
            "code": "MULTI",
            "name": name,
            "short_name": "Multi",
            "symbol_prefix": "CAC/COSP/MULTI",
        },
    )
    session = (
        await client.post(
            "/api/sessions",
            headers=bodies,
            json={
                "parts": [{"body": "MULTI", "number": 1}],
                "start_date": "2020-08-31",
                "end_date": "2020-09-02",
                "timezone": "Europe/Vienna",
                "venue_name": "Trung tâm Quốc tế Viên",
                "city": "Viên",
                "format": "in_person",
                "symbol_prefix": "CAC/COSP/MULTI/2020",
                "status": "scheduled",
            },
        )
    ).json()
    item = 'Thông qua chương trình nghị sự\\ và tổ chức công việc; "quan trọng", 议程:通过'
    taken = await add_item(client, bodies, session["id"], item)
    sitting = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Зал заседаний Б, комната 3",
        title="الجلسة الأولى — 第一次会议",
        agenda_item_ids=[taken["id"]],
    )

    for path in (f"/calendar/sessions/{session['id']}/sittings.ics", "/calendar/sessions.ics"):
        raw = (await _feed(client, path)).content
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, line
            line.decode("utf-8")  # folding never splits a character
        calendar = read(raw)
        [event] = calendar.events()
        [their] = calendar.their_events().values()
        assert name in event["SUMMARY"] and name in their.summary.value
        assert "Trung tâm Quốc tế Viên, Viên" in event["LOCATION"]
        assert their.location.value == event["LOCATION"]
    sitting_event = read(
        (await _feed(client, f"/calendar/sessions/{session['id']}/sittings.ics")).content
    )
    event = sitting_event.event(uid_of("sitting", sitting["id"]))
    assert event["SUMMARY"].endswith(": الجلسة الأولى — 第一次会议")
    assert event["LOCATION"].startswith("Зал заседаний Б, комната 3, ")
    assert f"1. {item}" in event["DESCRIPTION"]
    assert (
        f"1. {item}"
        in sitting_event.their_events()[uid_of("sitting", sitting["id"])].description.value
    )
