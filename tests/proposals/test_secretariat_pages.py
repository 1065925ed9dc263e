"""The secretariat's proposal desk in the browser: register by pasting, correct the split, issue, set the deadline, record action."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.proposals.conftest import entity_id
from tests.proposals.test_documents import TEXT


async def test_the_secretariat_registers_corrects_issues_and_records_from_the_pages(
    client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str]
) -> None:
    form = {"kind": "resolution", "title": "Asset recovery", "agenda_item_id": str(cosp["item"]), "plain_text": TEXT,
            "sponsor_ids": [str(await entity_id("Brazil")), str(await entity_id("Australia"))],
            "sponsorship_deadline": "2017-11-08T18:00"}
    registered = await client.post(f"/secretariat/sessions/{cosp['id']}/proposals", data=form, headers=bodies)
    assert registered.status_code == 200 and "The draft has been registered." in registered.text
    proposal_id = int(str(registered.url).rstrip("/").split("/")[-1].split("?")[0])
    api = f"/api/proposals/{proposal_id}"
    created = (await client.get(api, headers=bodies)).json()
    assert created["symbol"] == "CAC/COSP/2017/L.1" and created["sponsors_line"] == "Australia and Brazil: draft resolution"
    assert created["sponsorship_deadline"] == "2017-11-08T17:00:00Z"  # 18:00 in Vienna
    page = registered.text
    assert 'name="text-paragraphs-0-opening"' in page and 'value="Recalling"' in page

    rows = {"text-addressee": "The Conference,", "text-footnotes": "A treaty.\nA report."}
    for index, paragraph in enumerate(created["current"]["text"]["source"]["paragraphs"]):
        rows |= {f"text-paragraphs-{index}-kind": paragraph["kind"], f"text-paragraphs-{index}-opening": paragraph["opening"],
                 f"text-paragraphs-{index}-text": paragraph["text"],
                 f"text-paragraphs-{index}-sub_paragraphs": "\n".join(paragraph["sub_paragraphs"])}
    rows["text-paragraphs-1-opening"] = "Welcoming"
    rows["text-paragraphs-1-text"] = "also the report of the Secretariat on asset recovery,[^2]"
    twice = await client.post(f"/secretariat/proposals/{proposal_id}/text", headers=bodies,
                              data=rows | {"text-paragraphs-2-text": "that the return of assets matters,[^2]"})
    assert twice.status_code == 422 and 'id="text-paragraphs-2-text-error"' in twice.text
    saved = await client.post(f"/secretariat/proposals/{proposal_id}/text", data=rows, headers=bodies)
    assert saved.status_code == 200 and "The text has been saved." in saved.text
    source = (await client.get(api, headers=bodies)).json()["current"]["text"]["source"]
    assert (source["addressee"], source["paragraphs"][1]["opening"]) == ("The Conference,", "Welcoming")
    assert len(source["paragraphs"]) == 6 and source["footnotes"] == ["A treaty.", "A report."]

    issued = await client.post(f"/secretariat/proposals/{proposal_id}/issue", data={"issued_on": "2017-11-06"},
                               headers=bodies)
    assert issued.status_code == 200 and "The document has been issued." in issued.text
    unamended = await client.post(f"/secretariat/proposals/{proposal_id}/action", headers=bodies,
                                  data={"outcome": "adopted_as_orally_amended", "acted_on": "2017-11-10"})
    assert unamended.status_code == 422 and "Record the oral amendments as they were read out" in unamended.text
    recorded = await client.post(f"/secretariat/proposals/{proposal_id}/action", headers=bodies, data={
        "outcome": "adopted_as_orally_amended", "acted_on": "2017-11-10", "amendments": "Paragraph 1 was deleted.",
        "adopted_plain_text": "The Conference,\n\n1. Decides to remain seized of the matter."})
    assert recorded.status_code == 200 and "resolution 7/1" in recorded.text
    listing = await client.get(f"/secretariat/sessions/{cosp['id']}/proposals", headers=bodies)
    assert "CAC/COSP/2017/L.1" in listing.text and "Adopted as orally amended: resolution 7/1" in listing.text
