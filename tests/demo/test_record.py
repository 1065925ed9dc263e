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

    # Issue 17: every session's title, its bodies and its agenda items in the six languages.
    every = (await client.get(f"/api/sessions/{joint['id']}", params={"languages": "all"})).json()
    assert every["titles"]["zh"] == "实施情况审议组第十一届会议第一次续会和预防腐败问题不限成员名额政府间工作组第十一届会议"
    assert every["titles"]["fr"].startswith("Première reprise de la onzième session du Groupe d'examen de l'application et ")
    bodies = (await client.get("/api/bodies", params={"languages": "all"})).json()
    assert all(body["names"][language] != body["names"]["en"] for body in bodies for language in ("ar", "zh", "fr", "ru", "es"))
    special = (await client.get("/api/sessions", params={"body": "GA", "languages": "all"})).json()["items"][0]
    assert special["titles"]["ru"].startswith("Тридцать вторая специальная сессия Генеральной Ассамблеи")
    items = (await client.get(f"/api/sessions/{joint['id']}/agenda", params={"languages": "all"})).json()["items"]
    assert [item["titles"]["es"] for item in items][:3] == [
        "Cuestiones de organización",
        "Examen de la aplicación de la Convención de las Naciones Unidas contra la Corrupción",
        "Asistencia técnica",
    ]
    in_arabic = (await client.get(f"/api/sessions/{joint['id']}/agenda", headers={"Accept-Language": "ar"})).json()
    assert in_arabic["items"][0]["sub_items"][0]["title"] == "افتتاح الدورة"
