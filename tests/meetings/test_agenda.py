"""Agendas: numbered items, lettered sub-items, renumbered on every change."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient


def _numbers(agenda: dict[str, Any]) -> list[str]:
    return [
        f"{item['number']}. {item['title']}" if not sub else f"{sub['number']} {sub['title']}"
        for item in agenda["items"]
        for sub in [None, *item["sub_items"]]
    ]


async def _agenda(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> tuple[int, dict[str, int]]:
    session = await create_session()
    url = f"/api/sessions/{session['id']}/agenda/items"
    ids: dict[str, int] = {}
    for title in ["Organizational matters", "Review of implementation", "Other matters"]:
        agenda = (await client.post(url, json={"title": title}, headers=bodies)).json()
        ids[title] = agenda["items"][-1]["id"]
    for title in ["Opening of the session", "Adoption of the agenda and organization of work"]:
        response = await client.post(
            url, json={"title": title, "parent_id": ids["Organizational matters"]}, headers=bodies
        )
        assert response.status_code == 201, response.text
        ids[title] = response.json()["items"][0]["sub_items"][-1]["id"]
    return session["id"], ids


async def test_items_are_numbered_and_sub_items_lettered(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session_id, _ = await _agenda(client, create_session, bodies)
    agenda = (await client.get(f"/api/sessions/{session_id}/agenda")).json()
    assert agenda["status"] == "provisional"
    assert _numbers(agenda) == [
        "1. Organizational matters",
        "1 (a) Opening of the session",
        "1 (b) Adoption of the agenda and organization of work",
        "2. Review of implementation",
        "3. Other matters",
    ]


async def test_reordering_and_removing_renumber_the_agenda(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session_id, ids = await _agenda(client, create_session, bodies)
    moved = await client.patch(
        f"/api/agenda-items/{ids['Other matters']}", json={"position": 1}, headers=bodies
    )
    assert _numbers(moved.json())[:3] == [
        "1. Other matters",
        "2. Organizational matters",
        "2 (a) Opening of the session",
    ]
    swapped = await client.patch(
        f"/api/agenda-items/{ids['Adoption of the agenda and organization of work']}",
        json={"position": 1},
        headers=bodies,
    )
    assert _numbers(swapped.json())[2] == "2 (a) Adoption of the agenda and organization of work"
    removed = await client.delete(f"/api/agenda-items/{ids['Other matters']}", headers=bodies)
    assert _numbers(removed.json())[0] == "1. Organizational matters"
    assert _numbers(removed.json())[-1] == "2. Review of implementation"


async def test_sub_items_go_one_level_deep(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session_id, ids = await _agenda(client, create_session, bodies)
    response = await client.post(
        f"/api/sessions/{session_id}/agenda/items",
        json={"title": "Too deep", "parent_id": ids["Opening of the session"]},
        headers=bodies,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "parent_id"


async def test_an_adopted_agenda_keeps_its_structure(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session_id, ids = await _agenda(client, create_session, bodies)
    outside = await client.post(
        f"/api/sessions/{session_id}/agenda/adoption",
        json={"adopted_on": "2020-09-10"},
        headers=bodies,
    )
    assert outside.status_code == 422
    adopted = await client.post(
        f"/api/sessions/{session_id}/agenda/adoption",
        json={"adopted_on": "2020-08-31"},
        headers=bodies,
    )
    assert adopted.json()["status"] == "adopted"
    moved = await client.patch(
        f"/api/agenda-items/{ids['Other matters']}", json={"position": 1}, headers=bodies
    )
    assert moved.status_code == 409
    renamed = await client.patch(
        f"/api/agenda-items/{ids['Other matters']}",
        json={"title": "Any other business"},
        headers=bodies,
    )
    assert renamed.status_code == 200


async def test_documents_carry_un_symbols_under_their_item(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session_id, ids = await _agenda(client, create_session, bodies)
    url = f"/api/sessions/{session_id}/documents"
    agenda_doc = {
        "symbol": "CAC/COSP/IRG/2020/1",
        "title": "Annotated provisional agenda",
        "languages": ["ar", "zh", "en", "fr", "ru", "es"],
        "agenda_item_id": ids["Adoption of the agenda and organization of work"],
    }
    assert (await client.post(url, json=agenda_doc, headers=bodies)).status_code == 201
    crp = {
        "symbol": "CAC/COSP/IRG/2020/CRP.9",
        "title": "Conference room paper",
        "agenda_item_id": ids["Review of implementation"],
    }
    assert (await client.post(url, json=crp, headers=bodies)).status_code == 201
    again = await client.post(url, json=crp, headers=bodies)
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "symbol"
    bad = await client.post(url, json=crp | {"symbol": "not a symbol"}, headers=bodies)
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "symbol"
    agenda = (await client.get(f"/api/sessions/{session_id}/agenda")).json()
    opening = agenda["items"][0]["sub_items"][1]
    assert [d["symbol"] for d in opening["documents"]] == ["CAC/COSP/IRG/2020/1"]
    assert opening["documents"][0]["languages"] == ["ar", "zh", "en", "fr", "ru", "es"]
