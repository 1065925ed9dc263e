"""A local time the venue's clocks skip or repeat is refused, naming both instants it could mean.

New York, 2027: on 14 March the clocks go from 02:00 to 03:00, so 02:30
never happens; on 7 November they go back from 02:00 to 01:00, so 01:30
happens twice. Guessing would put a sitting an hour off in someone's
calendar, so the secretariat is told both readings and sends the time with
its UTC offset to choose one.
"""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.calendar.conftest import add_sitting, new_york


async def _sitting(
    client: AsyncClient, headers: dict[str, str], session_id: int, starts: str, ends: str
) -> Any:
    return await client.post(
        f"/api/sessions/{session_id}/sittings",
        json={"starts_at": starts, "ends_at": ends},
        headers=headers,
    )


async def test_a_time_the_clocks_skip_is_refused_with_both_readings(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session(
        **new_york(start_date="2027-03-13", end_date="2027-03-15", format="online")
    )
    refused = await _sitting(client, bodies, session["id"], "2027-03-14T02:30", "2027-03-14T05:00")
    assert refused.status_code == 422, refused.text
    [error] = refused.json()["errors"]
    assert error["field"] == "starts_at"
    assert error["message"] == (
        "2027-03-14T02:30 does not exist in America/New_York: the clocks go forward over it. "
        "It could mean 2027-03-14T02:30-04:00 (06:30 UTC, 01:30 EST on the venue's clock) or "
        "2027-03-14T02:30-05:00 (07:30 UTC, 03:30 EDT on the venue's clock): "
        "send the time with its UTC offset, or another time"
    )
    chosen = await add_sitting(
        client, bodies, session["id"], starts_at="2027-03-14T02:30-05:00", ends_at="2027-03-14T05:00"
    )
    assert chosen["starts_at"].startswith("2027-03-14T07:30:00")
    assert chosen["local_starts_at"].startswith("2027-03-14T03:30:00-04:00")

    moved = await client.patch(
        f"/api/sittings/{chosen['id']}", json={"ends_at": "2027-03-14T02:45"}, headers=bodies
    )
    assert moved.status_code == 422 and moved.json()["errors"][0]["field"] == "ends_at"


async def test_a_time_the_clocks_repeat_is_refused_with_both_readings(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session(
        **new_york(start_date="2027-11-06", end_date="2027-11-08", format="online")
    )
    refused = await _sitting(client, bodies, session["id"], "2027-11-07T01:30", "2027-11-07T04:00")
    assert refused.status_code == 422, refused.text
    [error] = refused.json()["errors"]
    assert error["field"] == "starts_at"
    assert error["message"].startswith(
        "2027-11-07T01:30 happens twice in America/New_York, as the clocks go back. It could mean "
        "2027-11-07T01:30-04:00 (05:30 UTC, 01:30 EDT on the venue's clock) or "
        "2027-11-07T01:30-05:00 (06:30 UTC, 01:30 EST on the venue's clock)"
    )
    for offset, utc in (("-04:00", "05:30"), ("-05:00", "06:30")):
        chosen = await _sitting(
            client, bodies, session["id"], f"2027-11-07T01:30{offset}", "2027-11-07T04:00"
        )
        assert chosen.status_code == 201, chosen.text
        assert chosen.json()["starts_at"].startswith(f"2027-11-07T{utc}:00")
    clear = await add_sitting(
        client, bodies, session["id"], starts_at="2027-11-07T10:00", ends_at="2027-11-07T12:00"
    )
    assert clear["starts_at"].startswith("2027-11-07T15:00:00")
