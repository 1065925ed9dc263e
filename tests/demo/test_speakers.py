"""The demo has a list of speakers under way: statements from the room and online, a group
statement, an online speaker not yet ready, an observer, a right of reply waiting."""

from __future__ import annotations

from httpx import AsyncClient

from tests.demo.conftest import Demo


async def test_the_demo_shows_a_list_of_speakers_under_way(
    client: AsyncClient, secretariat: dict[str, str], demo: Demo
) -> None:
    assert "a list of speakers under way" in demo.first.stdout
    assert "list of speakers" not in demo.second.stdout

    sessions = (await client.get("/api/sessions", params={"body": "IRG"}, headers=secretariat)).json()
    live = next(s for s in sessions["items"] if s["title"].startswith("Seventeenth session"))
    sitting = (await client.get(f"/api/sessions/{live['id']}/sittings", headers=secretariat)).json()[0]
    lists = (await client.get(f"/api/sittings/{sitting['id']}/speaker-lists")).json()
    assert [entry["agenda_item"] for entry in lists] == ["2. General discussion"]
    console = (
        await client.get(f"/api/speaker-lists/{lists[0]['list_id']}/console", headers=secretariat)
    ).json()
    state = console["state"]
    assert (state["current"]["entity"], state["current"]["mode"]) == ("Brazil", "online")
    assert [(e["entity"], e["kind"]) for e in state["waiting"]] == [
        ("Germany", "statement"),
        ("Kenya", "statement"),
        ("India", "statement"),
        ("Andorra", "statement"),
        ("Austria", "right_of_reply"),
    ]
    assert "sound has not been checked" in console["availability"][0]["reason"]
    paragraphs = (await client.get(f"/api/sessions/{live['id']}/speakers/report-paragraphs")).json()
    assert paragraphs["2. General discussion"].startswith(
        "Statements were made by the representatives of Egypt (on behalf of the Group of "
        "African States) and Austria"
    )
