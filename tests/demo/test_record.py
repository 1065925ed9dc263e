"""``convene demo`` loads the public-record sessions, and loading twice changes nothing."""

from __future__ import annotations

from httpx import AsyncClient

from tests.demo.conftest import Demo


async def test_demo_data_loads_once_and_reads_as_the_record(
    client: AsyncClient, demo: Demo
) -> None:
    first = demo.first
    assert "5 sessions added" in first.stdout or "6 sessions added" in first.stdout or "7 sessions added" in first.stdout
    second = demo.second
    assert second.stdout.strip() == "Demo data: 0 entities, 0 bodies, 0 sessions added"

    sessions = (await client.get("/api/sessions", params={"body": "IRG", "when": "past"})).json()["items"]
    joint = next(s for s in sessions if s["is_joint"])
    assert joint["title"] == (
        "First resumed eleventh session of the Implementation Review Group and eleventh session of the"
        " Open-ended Intergovernmental Working Group on the Prevention of Corruption"
    )
    assert (joint["start_date"], joint["end_date"], joint["format"]) == ("2020-08-31", "2020-09-02", "hybrid")
    bureau = (await client.get(f"/api/sessions/{joint['id']}/officers")).json()
    assert (bureau[0]["name"], bureau[0]["state"]) == ("Harib Saeed Al Amimi", "United Arab Emirates")
    agenda = (await client.get(f"/api/sessions/{joint['id']}/agenda")).json()
    assert agenda["status"] == "adopted"
    assert agenda["items"][0]["sub_items"][1]["number"] == "1 (b)"
    sittings = (await client.get(f"/api/sessions/{joint['id']}/sittings")).json()
    assert len(sittings) == 6 and sittings[0]["local_starts_at"] == "2020-08-31T10:00:00+02:00"
