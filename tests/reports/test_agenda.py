"""The provisional agenda and programme of work: numbered items, lettered sub-items, documents, sittings."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.reports.conftest import pdf_text
from tests.reports.test_participants import assert_in_order


async def _item(
    client: AsyncClient, session_id: int, headers: dict[str, str], title: str, parent: int | None = None
) -> int:
    response = await client.post(f"/api/sessions/{session_id}/agenda/items", json={"title": title, "parent_id": parent},
                                 headers=headers)
    assert response.status_code == 201, response.text
    items = response.json()["items"]
    everything = items + [sub for item in items for sub in item["sub_items"]]
    return next(item["id"] for item in everything if item["title"] == title)


async def _agenda_session(client: AsyncClient, create_session: Any, headers: dict[str, str]) -> dict[str, Any]:
    session = await create_session()
    sid = session["id"]
    organizational = await _item(client, sid, headers, "Organizational matters")
    opening = await _item(client, sid, headers, "Opening of the session", organizational)
    adoption = await _item(client, sid, headers, "Adoption of the agenda and organization of work", organizational)
    review = await _item(client, sid, headers, "Review of implementation of the Convention")
    for symbol, title, item in (
        ("CAC/COSP/IRG/2020/1", "Provisional agenda and annotations", adoption),
        ("CAC/COSP/IRG/2020/2", "Implementation of chapter II (Preventive measures)", review),
        ("CAC/COSP/IRG/2020/CRP.1", "Country review reports", None),
    ):
        created = await client.post(f"/api/sessions/{sid}/documents",
                                    json={"symbol": symbol, "title": title, "agenda_item_id": item}, headers=headers)
        assert created.status_code == 201, created.text
    for fields in (
        {"starts_at": "2020-09-01T15:00", "ends_at": "2020-09-01T18:00", "agenda_item_ids": [review]},
        {"starts_at": "2020-08-31T10:00", "ends_at": "2020-08-31T13:00", "agenda_item_ids": [opening, adoption]},
        {"starts_at": "2020-08-31T15:00", "ends_at": "2020-08-31T18:00", "agenda_item_ids": [review]},
    ):
        fields["room"] = "Board Room D"
        sitting = await client.post(f"/api/sessions/{sid}/sittings", json=fields, headers=headers)
        assert sitting.status_code == 201, sitting.text
    return session


async def test_the_agenda_lists_items_sub_items_and_documents_then_the_sittings_by_day(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await _agenda_session(client, create_session, bodies)
    response = await client.get(f"/api/sessions/{session['id']}/reports/agenda.pdf", headers=bodies)
    assert response.status_code == 200, response.text
    assert 'filename="CAC-COSP-IRG-2020-1-agenda.pdf"' in response.headers["content-disposition"]
    text = pdf_text(response.content).replace("\n", " ")
    assert_in_order(text, [
        "CAC/COSP/IRG/2020/1", "Eleventh session of the Implementation Review Group",
        "Provisional agenda and programme of work",
        "1. Organizational matters", "(a) Opening of the session",
        "(b) Adoption of the agenda and organization of work",
        "Documentation", "CAC/COSP/IRG/2020/1 Provisional agenda and annotations",
        "2. Review of implementation", "CAC/COSP/IRG/2020/2 Implementation of chapter II",
        "Other documents", "CAC/COSP/IRG/2020/CRP.1 Country review reports",
        "Programme of work", "local time at the venue (GMT+2)",
        "Monday, 31 August 2020",
        "10 a.m.–1 p.m.", "2nd meeting", "Board Room D",
        "1 (a) Opening of the session", "1 (b) Adoption of the agenda",
        "3–6 p.m.", "3rd meeting", "2. Review of implementation",
        "Tuesday, 1 September 2020", "3–6 p.m.", "1st meeting", "2. Review of implementation",
    ])


async def test_an_adopted_agenda_says_so_and_the_report_is_the_secretariats(
    client: AsyncClient, create_session: Any, bodies: dict[str, str], make_account_headers: Any
) -> None:
    session = await _agenda_session(client, create_session, bodies)
    adopted = await client.post(f"/api/sessions/{session['id']}/agenda/adoption", json={"adopted_on": "2020-08-31"},
                                headers=bodies)
    assert adopted.status_code == 201, adopted.text
    text = pdf_text((await client.get(f"/api/sessions/{session['id']}/reports/agenda.pdf", headers=bodies)).content)
    assert "Agenda and programme of work" in text and "Provisional agenda and programme" not in text
    assert "Adopted on 31 August 2020." in text
    assert (await client.get(f"/api/sessions/{session['id']}/reports/agenda.pdf")).status_code == 401
    assert (await client.get("/api/sessions/424242/reports/agenda.pdf", headers=bodies)).status_code == 404
