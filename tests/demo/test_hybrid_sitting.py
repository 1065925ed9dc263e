"""The demo has a hybrid sitting under way: delegates in the room, others online, a rotation, a quorum."""

from __future__ import annotations

from httpx import AsyncClient

from tests.demo.conftest import Demo


async def test_the_demo_shows_a_hybrid_sitting_under_way(
    client: AsyncClient, secretariat: dict[str, str], demo: Demo
) -> None:
    loaded = demo.first
    assert "a hybrid session with a sitting under way" in loaded.stdout
    again = demo.second
    assert "sitting under way" not in again.stdout

    sessions = (
        await client.get("/api/sessions", params={"body": "IRG"}, headers=secretariat)
    ).json()["items"]
    live = next(s for s in sessions if s["title"].startswith("Seventeenth session"))
    sitting = (
        await client.get(f"/api/sessions/{live['id']}/sittings", headers=secretariat)
    ).json()[0]
    picture = (
        await client.get(f"/api/sittings/{sitting['id']}/presence", headers=secretariat)
    ).json()
    austria = next(d for d in picture["delegations"] if d["entity"] == "Austria")
    # The rotation: Ms. Gruber left, Ms. Wimmer took her seat after being refused while two sat.
    assert [p["name"] for p in austria["in_room"]] == ["Mr. Lukas BERGER", "Ms. Sophie WIMMER"]
    assert [p["name"] for p in austria["expected"]] == ["Mr. Lukas BERGER", "Ms. Sophie WIMMER"]
    assert [p["name"] for p in austria["online_speaking"]] == ["Mr. Jakob HUBER"]
    assert (picture["total"]["online_speaking"], picture["total"]["online_listening"]) == (4, 4)
    quorum = picture["quorum"]
    assert quorum["met"] and quorum["states_parties_participating"] == 13
    assert (
        quorum["states_parties_present"] == 11
    )  # Mexico's and Switzerland's delegates have not arrived
