"""The list of participants: UN grouping and order, heads first, only the approved, footers, symbols."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.entities.categories import LIST_GROUP_HEADINGS
from tests.reports.conftest import add_delegation, page_texts, pdf_reader, pdf_text, person

COSP = {"parts": [{"body": "COSP", "kind": "regular", "number": 8}], "symbol_prefix": "CAC/COSP/2019"}


def url(session_id: int, version: str = "provisional") -> str:
    return f"/api/sessions/{session_id}/reports/participants.pdf?version={version}"


def assert_in_order(text: str, expected: list[str]) -> None:
    position = -1
    for piece in expected:
        found = text.find(piece, position + 1)
        assert found > position, f"{piece!r} missing or out of order in:\n{text}"
        position = found


async def _cosp_with_delegations(create_session: Any) -> dict[str, Any]:
    session = await create_session(**COSP)
    sid = session["id"]
    await add_delegation(sid, "Croatia", [person("Ivana", "Horvat", honorific="Ms.")])
    await add_delegation(sid, "Austria", [
        person("Anna", "Berger", honorific="Ms.", function="Counsellor"),
        person("Karl", "Huber", honorific="Mr.", mode="online_listening", organization="Federal Ministry of Justice"),
        person("Pending", "Person", status="submitted"),
        person("Rejected", "Person", status="rejected"),
        person("Gregor", "Koessler", honorific="H.E. Mr.", is_head=True, function="Ambassador",
               organization="Permanent Mission of Austria to the United Nations (Vienna)"),
    ])
    await add_delegation(sid, "Côte d'Ivoire", [person("Awa", "Koné", honorific="Ms.", mode="online_speaking")])
    await add_delegation(sid, "Costa Rica", [person("José", "García", honorific="Mr.")])
    await add_delegation(sid, "Syrian Arab Republic", [person("Rami", "Haddad")])
    await add_delegation(sid, "European Union", [person("Marie", "Dupont")])
    await add_delegation(sid, "Monaco", [person("Louis", "Rossi")])
    await add_delegation(sid, "World Bank", [person("Emma", "Smith")])
    await add_delegation(sid, "International Labour Organization", [person("Li", "Wei")])
    await add_delegation(sid, "Council of Europe", [person("Hans", "Müller")])
    await add_delegation(sid, "Transparency International", [person("Delia", "Ferreira")])
    await add_delegation(sid, "Brazil", [person("Nobody", "Approved", status="cancelled")])
    return session


async def test_delegations_are_grouped_and_ordered_as_un_lists_are(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await _cosp_with_delegations(create_session)
    response = await client.get(url(session["id"]), headers=bodies)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content)
    assert_in_order(text, [
        "Provisional list of participants",
        LIST_GROUP_HEADINGS[1], "Austria", "Costa Rica", "Côte d'Ivoire", "Croatia",  # accents do not count
        LIST_GROUP_HEADINGS[2], "European Union",  # a party to the Convention, right after the States parties
        LIST_GROUP_HEADINGS[3], "Syrian Arab Republic",
        LIST_GROUP_HEADINGS[4], "Monaco",
        LIST_GROUP_HEADINGS[5], "International Labour Organization", "World Bank",
        LIST_GROUP_HEADINGS[6], "Council of Europe",
        LIST_GROUP_HEADINGS[7], "Transparency International",
    ])
    assert LIST_GROUP_HEADINGS[2] == "Regional economic integration organizations parties to the Convention"
    assert "Brazil" not in text, "a delegation with nobody approved is not listed"
    assert "13 participants from 11 delegations" in text.replace("\n", " ")


async def test_head_of_delegation_first_then_the_others_by_family_name(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await _cosp_with_delegations(create_session)
    text = pdf_text((await client.get(url(session["id"]), headers=bodies)).content)
    assert_in_order(text, [
        "Austria",
        "H.E. Mr. Gregor KOESSLER, Head of delegation",
        "Ambassador, Permanent Mission of Austria to the United Nations (Vienna)", "(in person)",
        "Ms. Anna BERGER", "Counsellor (in person)",
        "Mr. Karl HUBER", "Federal Ministry of Justice (online)",
        "Costa Rica", "Mr. José GARCÍA",
        "Côte d'Ivoire", "Ms. Awa KONÉ", "(online)",
    ])
    assert "PERSON" not in text, "submitted and rejected registrations are not listed"
    assert text.count("Head of delegation") == 1


async def test_header_and_footer_carry_title_dates_venue_symbol_and_page_numbers(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    many = [person(f"Delegate{n}", f"Family{n}", function="Adviser", organization="Ministry of Justice")
            for n in range(90)]
    await add_delegation(session["id"], "Austria", many)
    pages = page_texts((await client.get(url(session["id"]), headers=bodies)).content)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "CAC/COSP/2019/INF/2" in text
    first = pages[0]
    assert session["title"].startswith("Eighth session of the Conference of the States Parties")
    assert_in_order(first.replace("\n", " "), [
        "CAC/COSP/2019/INF/2", "Provisional", session["title"],
        "Vienna International Centre, Vienna, 31 August–2 September 2020", "Provisional list of participants",
    ])


async def test_the_symbol_is_the_recorded_inf_document_or_the_first_free_inf_number(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    documents = f"/api/sessions/{session['id']}/documents"
    taken = await client.post(documents, json={"symbol": "CAC/COSP/2019/INF/2", "title": "Information for observers"},
                              headers=bodies)
    assert taken.status_code == 201, taken.text
    response = await client.get(url(session["id"]), headers=bodies)
    assert "CAC/COSP/2019/INF/3" in pdf_text(response.content)
    assert 'filename="CAC-COSP-2019-INF-3-provisional.pdf"' in response.headers["content-disposition"]
    recorded = await client.post(documents, json={"symbol": "CAC/COSP/2019/INF/5", "title": "List of participants"},
                                 headers=bodies)
    assert recorded.status_code == 201, recorded.text
    text = pdf_text((await client.get(url(session["id"]), headers=bodies)).content)
    assert "CAC/COSP/2019/INF/5" in text and "INF/3" not in text


async def test_the_final_list_is_printed_after_the_session(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    past = await create_session(**COSP)
    await add_delegation(past["id"], "Austria", [person("Anna", "Berger")])
    final = await client.get(url(past["id"], "final"), headers=bodies)
    assert final.status_code == 200, final.text
    text = pdf_text(final.content)
    assert "Final list of participants" in text and "provisional" not in text.lower()
    future = await create_session(parts=[{"body": "COSP", "number": 30}], symbol_prefix="CAC/COSP/2099",
                                  start_date="2099-12-01", end_date="2099-12-05")
    early = await client.get(url(future["id"], "final"), headers=bodies)
    assert early.status_code == 409
    assert early.json()["errors"][0]["field"] == "version"
    assert (await client.get(url(future["id"], "provisional"), headers=bodies)).status_code == 200


async def test_a_version_that_does_not_exist_is_a_400_naming_the_parameter(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    response = await client.get(url(session["id"], "draft"), headers=bodies)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "version"
    assert (await client.get("/api/sessions/999999/reports/participants.pdf", headers=bodies)).status_code == 404


async def test_the_list_is_the_secretariats_until_published_then_everyones(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str], make_account_headers: Any
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    delegate = await make_account_headers("delegate@austria.example", Role.DELEGATE)
    assert (await client.get(url(session["id"]))).status_code == 401
    assert (await client.get(url(session["id"]), headers=delegate)).status_code == 403
    publish = {"participants_published": True}
    published = await client.patch(f"/api/sessions/{session['id']}", json=publish, headers=bodies)
    assert published.status_code == 200, published.text
    public = await client.get(url(session["id"]))
    assert public.status_code == 200
    assert "Anna BERGER" in pdf_text(public.content)
    draft = await create_session(parts=[{"body": "COSP", "number": 9}], status="draft", symbol_prefix="CAC/COSP/2021")
    assert (await client.get(url(draft["id"]))).status_code == 404


async def test_the_pdf_carries_title_author_language_and_tags(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    reader = pdf_reader((await client.get(url(session["id"]), headers=bodies)).content)
    assert reader.metadata.title == f"Provisional list of participants: {session['title']}"
    assert reader.metadata.author == (
        "Secretariat of the Conference of the States Parties to the United Nations Convention against Corruption"
    )
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
