"""The pages of proposals: a session's list, the text as printed, what a revision changed, sponsoring from the page."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.proposals.test_documents import TEXT
from tests.proposals.conftest import entity_id
from tests.web.conftest import text_of


async def _issued_with_revision(client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str]) -> dict[str, Any]:
    created = await client.post(f"/api/sessions/{cosp['id']}/proposals", headers=bodies, json={
        "kind": "resolution", "title": "Asset recovery", "agenda_item_id": cosp["item"], "plain_text": TEXT,
        "sponsor_ids": [await entity_id("Brazil"), await entity_id("Australia")]})
    url = f"/api/proposals/{created.json()['id']}"
    assert (await client.post(f"{url}/issue", json={"issued_on": "2017-11-06"}, headers=bodies)).status_code == 201
    text = (await client.post(f"{url}/revisions", headers=bodies)).json()["current"]["text"]["source"]
    text["paragraphs"][4]["text"] = "the Secretariat to continue and expand its work;"
    assert (await client.put(f"{url}/text", json={"text": text}, headers=bodies)).status_code == 200
    assert (await client.post(f"{url}/issue", json={"issued_on": "2017-11-07"}, headers=bodies)).status_code == 201
    return (await client.get(url)).json()


async def test_the_public_reads_the_issued_text_with_italics_footnotes_and_changes(
    client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str], propose: Any
) -> None:
    proposal = await _issued_with_revision(client, cosp, bodies)
    await propose(sponsors=["Kenya"], title="Still a draft")
    listing = await client.get(f"/sessions/{cosp['id']}/proposals")
    assert listing.status_code == 200
    assert "CAC/COSP/2017/L.1/Rev.1" in listing.text and "Still a draft" not in listing.text
    assert "Australia and Brazil: revised draft resolution" in listing.text
    page = await client.get(f"/proposals/{proposal['id']}")
    assert page.status_code == 200
    html = page.text
    assert "<em>Recalling</em> the United Nations Convention against Corruption," in html
    assert '<span class="number">1.</span> <em>Urges</em> States parties to:' in html
    assert '<span class="letter">(a)</span> Adopt measures' in html
    assert '<a href="https://undocs.org/CAC/COSP/2017/3">CAC/COSP/2017/3</a>' in html
    assert "What changed against CAC/COSP/2017/L.1" in text_of(html)
    assert "<ins>and expand </ins>" in html
    original = await client.get(f"/proposals/{proposal['id']}", params={"revision": 0})
    assert "Australia and Brazil: draft resolution" in original.text and "What changed" not in original.text
    session_page = await client.get(f"/sessions/{cosp['id']}")
    assert f'href="/sessions/{cosp["id"]}/proposals"' in session_page.text


async def test_a_focal_point_sponsors_from_the_page_until_the_list_closes(
    client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str], focal_point: Any
) -> None:
    proposal = await _issued_with_revision(client, cosp, bodies)
    kenya = await focal_point("Kenya")
    page = await client.get(f"/proposals/{proposal['id']}", headers=kenya)
    assert "Sponsor on behalf of my State" in page.text
    joined = await client.post(f"/proposals/{proposal['id']}/sponsorship", data={"action": "join"}, headers=kenya)
    assert joined.status_code == 200 and "Your State now sponsors this proposal." in joined.text
    assert "Joined as co-sponsors after the document was issued: Kenya" in joined.text
    closed = await client.patch(f"/api/proposals/{proposal['id']}", json={"sponsorship_deadline": "2017-11-09T12:00:00Z"},
                                headers=bodies)
    assert closed.status_code == 200
    late = await client.post(f"/proposals/{proposal['id']}/sponsorship", data={"action": "withdraw"}, headers=kenya)
    assert late.status_code == 409
    assert "The list of sponsors closed at 12:00 UTC on 9 November 2017" in late.text
