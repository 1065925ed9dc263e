"""The demo's eighth session of the Conference: an issued draft, its revision with co-sponsors, adopted texts."""

from __future__ import annotations

from httpx import AsyncClient

from tests.demo.conftest import Demo


async def test_the_demo_has_an_issued_draft_its_revision_and_adopted_texts(
    client: AsyncClient, demo: Demo
) -> None:
    loaded = demo.first
    assert "3 draft resolutions and decisions" in loaded.stdout
    again = demo.second
    assert "draft resolutions" not in again.stdout
    sessions = (await client.get("/api/sessions", params={"body": "COSP", "when": "past"})).json()["items"]
    eighth = next(s for s in sessions if s["title"].startswith("Eighth session"))
    proposals = (await client.get(f"/api/sessions/{eighth['id']}/proposals")).json()
    assert [(p["symbol"], p["status"], (p["action"] or {}).get("number")) for p in proposals] == [
        ("CAC/COSP/2019/L.1/Rev.1", "issued", None),
        ("CAC/COSP/2019/L.2", "adopted", "resolution 8/1"),
        ("CAC/COSP/2019/L.3", "adopted", "decision 8/1"),
    ]
    revised = proposals[0]
    assert revised["sponsors_line"] == ("Australia, Brazil, Israel, Kenya, Norway and United States of America: "
                                        "revised draft resolution")
    assert revised["co_sponsors_after_issue"] == ["Peru"] and revised["sponsorship_open"] is False
    assert proposals[2]["action"]["label"] == "Adopted as orally amended"
    page = await client.get(f"/proposals/{revised['id']}")
    assert page.status_code == 200 and "<ins>and disposal </ins>" in page.text
    pdf = await client.get(f"/api/proposals/{proposals[1]['id']}/adopted.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
