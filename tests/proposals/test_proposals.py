"""Draft resolutions through the API: L numbers, who sees drafts, who sponsors and until when, revisions, action."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from convene.accounts.roles import Role
from tests.conftest import _account_headers
from tests.proposals.conftest import entity_id

US = ["Australia", "Brazil", "Israel", "United States of America"]


async def issue(client: AsyncClient, proposal: dict[str, Any], headers: dict[str, str], day: str = "2017-11-06") -> dict[str, Any]:
    response = await client.post(f"/api/proposals/{proposal['id']}/issue", json={"issued_on": day}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_draft_takes_the_next_free_l_number_or_a_typed_one_that_is_free(
    client: AsyncClient, cosp: dict[str, Any], propose: Any, bodies: dict[str, str]
) -> None:
    first = await propose(sponsors=US)
    assert first["symbol"] == "CAC/COSP/2017/L.1"
    assert first["sponsors_line"] == "Australia, Brazil, Israel and United States of America: draft resolution"
    assert first["agenda_item"] == "Agenda item 2"
    assert first["status"] == "draft"
    assert (await propose(symbol="CAC/COSP/2017/L.8"))["symbol"] == "CAC/COSP/2017/L.8"
    assert (await propose(kind="decision"))["symbol"] == "CAC/COSP/2017/L.2"
    url = f"/api/sessions/{cosp['id']}/proposals"
    body = {"kind": "resolution", "title": "Another"}
    taken = await client.post(url, json=body | {"symbol": "CAC/COSP/2017/L.8"}, headers=bodies)
    assert taken.status_code == 409 and taken.json()["errors"][0]["field"] == "symbol"
    elsewhere = await client.post(url, json=body | {"symbol": "CAC/COSP/2016/L.3"}, headers=bodies)
    assert elsewhere.status_code == 422 and elsewhere.json()["errors"][0]["field"] == "symbol"
    nonsense = await client.post(url, json=body | {"symbol": "L8"}, headers=bodies)
    assert nonsense.status_code == 400 and nonsense.json()["errors"][0]["field"] == "symbol"
    broken = await client.post(url, json=body | {"title": "Asset\nrecovery"}, headers=bodies)
    assert broken.status_code == 400 and broken.json()["errors"][0]["field"] == "title"
    nul = await client.post(url, headers=bodies, json=body | {"text": {"paragraphs": [
        {"kind": "operative", "opening": "Urges", "text": "States\x00 to act."}]}})
    assert nul.status_code == 400 and nul.json()["errors"][0]["field"] == "text.paragraphs[0].text"
    huge = await client.get(f"/api/proposals/{2**40}")
    assert huge.status_code == 400 and huge.json()["errors"][0]["field"] == "proposal_id"
    naive = await client.post(url, json=body | {"sponsorship_deadline": "2017-11-08T18:00:00"}, headers=bodies)
    assert naive.status_code == 400 and naive.json()["errors"][0]["field"] == "sponsorship_deadline"
    foreign_item = await client.post(url, json=body | {"agenda_item_id": 999_999}, headers=bodies)
    assert foreign_item.status_code == 422 and foreign_item.json()["errors"][0]["field"] == "agenda_item_id"


async def test_a_draft_is_seen_by_the_secretariat_and_its_sponsors_only_until_issued(
    client: AsyncClient, propose: Any, bodies: dict[str, str], focal_point: Any, cosp: dict[str, Any]
) -> None:
    draft = await propose(sponsors=["Brazil"])
    url = f"/api/proposals/{draft['id']}"
    assert (await client.get(url)).status_code == 404
    assert (await client.get(url, headers=await focal_point("Kenya"))).status_code == 404
    assert (await client.get(url, headers=await focal_point("Brazil"))).status_code == 200
    listed = await client.get(f"/api/sessions/{cosp['id']}/proposals")
    assert listed.status_code == 200 and listed.json() == []
    # Kenya cannot join a draft it cannot see.
    assert (await client.post(f"{url}/sponsors", json={}, headers=await focal_point("Kenya"))).status_code == 404
    await issue(client, draft, bodies)
    public = await client.get(url)
    assert public.status_code == 200 and public.json()["sponsors_line"] == "Brazil: draft resolution"
    assert [p["symbol"] for p in (await client.get(f"/api/sessions/{cosp['id']}/proposals")).json()] == [
        "CAC/COSP/2017/L.1"]


async def test_only_states_parties_and_the_european_union_sponsor(
    client: AsyncClient, propose: Any, bodies: dict[str, str], focal_point: Any
) -> None:
    proposal = await issue(client, await propose(sponsors=US), bodies)
    url = f"/api/proposals/{proposal['id']}/sponsors"
    observer = await client.post(url, json={}, headers=await focal_point("Monaco"))
    assert observer.status_code == 403
    assert observer.json()["detail"] == (
        "Monaco is an observer State: only States parties and the European Union sponsor proposals")
    assert observer.json()["errors"][0]["field"] == "entity_id"
    signatory = await client.post(url, json={}, headers=await focal_point("Syrian Arab Republic"))
    assert signatory.status_code == 403 and "signatory" in signatory.json()["detail"]
    union = await client.post(url, json={}, headers=await focal_point("European Union"))
    assert union.status_code == 201, union.text
    assert union.json()["co_sponsors_after_issue"] == ["European Union"]
    for_another = await client.post(url, json={"entity_id": await entity_id("Kenya")}, headers=await focal_point("Austria"))
    assert for_another.status_code == 403
    again = await client.post(url, json={}, headers=await focal_point("Brazil"))
    assert again.status_code == 409 and again.json()["detail"] == "Brazil already sponsors this proposal"
    delegate = await client.post(url, json={}, headers=await _delegate_of_kenya(client))
    assert delegate.status_code == 403


async def _delegate_of_kenya(client: AsyncClient) -> dict[str, str]:
    return await _account_headers("delegate@kenya.example", Role.DELEGATE, await entity_id("Kenya"))


async def test_a_withdrawn_sponsor_rejoins_before_the_deadline_and_nothing_changes_after_it(
    client: AsyncClient, propose: Any, bodies: dict[str, str], focal_point: Any
) -> None:
    proposal = await issue(client, await propose(sponsors=US, sponsorship_deadline="2099-01-01T12:00:00Z"), bodies)
    url = f"/api/proposals/{proposal['id']}"
    kenya, kenya_id = await focal_point("Kenya"), await entity_id("Kenya")
    joined = await client.post(f"{url}/sponsors", json={}, headers=kenya)
    assert joined.status_code == 201 and joined.json()["co_sponsors_after_issue"] == ["Kenya"]
    assert joined.json()["sponsors_line"] == proposal["sponsors_line"]  # the issued document keeps its line
    assert (await client.delete(f"{url}/sponsors/{kenya_id}", headers=kenya)).status_code == 204
    after_withdrawal = (await client.get(url)).json()
    assert after_withdrawal["co_sponsors_after_issue"] == []
    assert [s["withdrawn_at"] is not None for s in after_withdrawal["sponsors"] if s["name"] == "Kenya"] == [True]
    rejoined = await client.post(f"{url}/sponsors", json={}, headers=kenya)
    assert rejoined.status_code == 201 and rejoined.json()["co_sponsors_after_issue"] == ["Kenya"]
    closed = await client.patch(url, json={"sponsorship_deadline": "2017-11-08T18:00:00Z"}, headers=bodies)
    assert closed.status_code == 200 and closed.json()["sponsorship_open"] is False
    late = await client.delete(f"{url}/sponsors/{kenya_id}", headers=kenya)
    assert late.status_code == 409
    assert late.json()["detail"] == "The list of sponsors closed at 18:00 UTC on 8 November 2017"
    by_secretariat = await client.post(f"{url}/sponsors", json={"entity_id": await entity_id("Peru")}, headers=bodies)
    assert by_secretariat.status_code == 409
    assert [s["name"] for s in (await client.get(url)).json()["sponsors"] if s["withdrawn_at"] is None] == [*US[:3], "Kenya", US[3]]


async def test_a_revision_has_its_own_symbol_sponsors_line_text_and_changes(
    client: AsyncClient, propose: Any, bodies: dict[str, str], focal_point: Any
) -> None:
    proposal = await issue(client, await propose(sponsors=US), bodies)
    url = f"/api/proposals/{proposal['id']}"
    await client.post(f"{url}/sponsors", json={}, headers=await focal_point("Kenya"))
    unchanged = await client.put(f"{url}/text", json={"plain_text": "Decides to act."}, headers=bodies)
    assert unchanged.status_code == 409 and "prepare a revision" in unchanged.json()["detail"]
    revision = await client.post(f"{url}/revisions", headers=bodies)
    assert revision.status_code == 201
    draft = revision.json()
    assert draft["symbol"] == "CAC/COSP/2017/L.1/Rev.1"
    assert draft["sponsors_line"] == ("Australia, Brazil, Israel, Kenya and United States of America: "
                                      "revised draft resolution")
    assert (await client.get(url)).json()["symbol"] == "CAC/COSP/2017/L.1"  # the public reads the issued one
    text = draft["current"]["text"]["source"]
    text["paragraphs"][1]["text"] = "States parties to act without delay."
    text["paragraphs"].append({"kind": "operative", "opening": "Requests", "text": "the Secretariat to report."})
    saved = await client.put(f"{url}/text", json={"text": text}, headers=bodies)
    assert saved.status_code == 200, saved.text
    assert (await client.post(f"{url}/revisions", headers=bodies)).status_code == 409  # Rev.1 is not issued yet
    for day, message in (("2017-11-05", "on or after the version it revises"), ("2017-11-11", "ended on")):
        refused = await client.post(f"{url}/issue", json={"issued_on": day}, headers=bodies)
        assert refused.status_code == 422 and message in refused.json()["detail"], refused.text
    issued = await issue(client, draft, bodies, "2017-11-08")
    assert issued["symbol"] == "CAC/COSP/2017/L.1/Rev.1" and issued["co_sponsors_after_issue"] == []
    assert [v["symbol"] for v in issued["versions"]] == ["CAC/COSP/2017/L.1", "CAC/COSP/2017/L.1/Rev.1"]
    changes = (await client.get(f"{url}/changes")).json()
    assert changes["against"] == "CAC/COSP/2017/L.1"
    marked = [(b["label"], b["change"], [(p["op"], p["text"]) for p in b["parts"] if p["op"] != "same"])
              for b in changes["blocks"] if b["change"] != "same"]
    assert marked == [
        ("Paragraph 1", "changed", [("deleted", "act."), ("inserted", "act without delay.")]),
        ("Paragraph 2", "inserted", [("inserted", "Requests"), ("inserted", " the Secretariat to report.")]),
    ]


async def test_action_numbers_adopted_texts_per_session_and_freezes_the_proposal(
    client: AsyncClient, propose: Any, bodies: dict[str, str], focal_point: Any, cosp: dict[str, Any]
) -> None:
    first, second, decision, dropped = (
        await propose(sponsors=US), await propose(sponsors=["Egypt"]), await propose(sponsors=["Peru"], kind="decision"),
        await propose(sponsors=["Kenya"]))
    for proposal in (first, second, decision):
        await issue(client, proposal, bodies)

    async def act(proposal: dict[str, Any], **body: Any) -> Any:
        return await client.post(f"/api/proposals/{proposal['id']}/action", json={"acted_on": "2017-11-10"} | body,
                                 headers=bodies)

    adopted = await act(first, outcome="adopted")
    assert adopted.status_code == 201 and adopted.json()["action"]["number"] == "resolution 7/1"
    assert (await act(decision, outcome="adopted")).json()["action"]["number"] == "decision 7/1"
    missing = await act(second, outcome="adopted_as_orally_amended")
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "amendments"
    amended_text = {"addressee": "The Conference,", "paragraphs": [
        {"kind": "operative", "opening": "Urges", "text": "States parties to act promptly."}]}
    amended = await act(second, outcome="adopted_as_orally_amended", amendments="In paragraph 1, add \"promptly\".",
                        adopted_text=amended_text)
    assert amended.status_code == 201, amended.text
    action = amended.json()["action"]
    assert action["number"] == "resolution 7/2" and action["label"] == "Adopted as orally amended"
    assert action["adopted_text"]["paragraphs"][0]["segments"][0]["text"] == " States parties to act promptly."
    withdrawn = await act(dropped, outcome="withdrawn", acted_on="2017-11-01")
    assert withdrawn.status_code == 201 and withdrawn.json()["status"] == "withdrawn"
    assert (await client.get(f"/api/proposals/{dropped['id']}")).status_code == 404  # never issued: still private
    url = f"/api/proposals/{first['id']}"
    again = await act(first, outcome="not_adopted")
    assert again.status_code == 409 and again.json()["detail"] == "The proposal has been adopted; it can no longer be changed"
    assert (await client.post(f"{url}/sponsors", json={}, headers=await focal_point("Kenya"))).status_code == 409
    assert (await client.post(f"{url}/revisions", headers=bodies)).status_code == 409
    assert (await client.patch(url, json={"sponsorship_deadline": None}, headers=bodies)).status_code == 409
    entries = (await client.get("/api/audit", params={"session_id": cosp["id"], "per_page": 100}, headers=bodies)).json()
    actions = [e["action"] for e in entries["items"] if e["object_type"] == "proposal" and e["object_id"] == str(first["id"])]
    assert actions == ["proposal.adopted", "proposal.issued", "proposal.created"]
    adopted_entry = next(e for e in entries["items"] if e["action"] == "proposal.adopted" and e["object_id"] == str(first["id"]))
    assert adopted_entry["after"]["number"] == "resolution 7/1"
