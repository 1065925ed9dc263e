"""The L document read back from its PDF: symbol, masthead, sponsors line, numbering, italics, footnotes."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.proposals.conftest import entity_id
from tests.reports.conftest import embedded_fonts, font_runs, pdf_reader, pdf_text
from tests.reports.test_participants import assert_in_order

TEXT = """The Conference of the States Parties to the United Nations Convention against Corruption,

Recalling the United Nations Convention against Corruption,[^treaty]

Welcoming also the report of the Secretariat on asset recovery,[^report]

Bearing in mind that the return of assets is a fundamental principle of the Convention,

1. Urges States parties to:
(a) Adopt measures for the return of assets;
(b) Cooperate with one another in tracing assets;
2. Requests the Secretariat to continue its work;
3. Decides to remain seized of the matter.

[^treaty]: United Nations, Treaty Series, vol. 2349, No. 42146.
[^report]: CAC/COSP/2017/3 and CAC/COSP/2017/7.
"""
MAIN = ["Australia", "Brazil", "Israel", "United States of America"]


def italic_phrases(content: bytes) -> list[str]:
    """The runs drawn in an italic face, neighbours joined: what a reader sees in italics."""
    phrases: list[str] = []
    previous_italic = False
    for text, font in font_runs(content):
        italic = "Italic" in font
        if italic and previous_italic:
            phrases[-1] = " ".join(f"{phrases[-1]} {text}".split())
        elif italic:
            phrases.append(" ".join(text.split()))  # justified lines put wider spaces between words
        previous_italic = italic
    return phrases


async def _two_revisions(client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str], focal_point: Any) -> dict[str, Any]:
    created = await client.post(f"/api/sessions/{cosp['id']}/proposals", headers=bodies, json={
        "kind": "resolution", "symbol": "CAC/COSP/2017/L.8", "title": "Strengthening international cooperation in asset recovery",
        "agenda_item_id": cosp["item"], "sponsor_ids": [await entity_id(s) for s in MAIN], "plain_text": TEXT})
    assert created.status_code == 201, created.text
    url = f"/api/proposals/{created.json()['id']}"

    async def step(method: str, path: str, state: str | None = None, **body: Any) -> None:
        headers = await focal_point(state) if state else bodies
        response = await client.request(method, url + path, headers=headers, json=body)
        assert response.status_code in (200, 201, 204), response.text

    await step("POST", "/issue", issued_on="2017-11-06")
    for state in ("Kenya", "Norway", "Peru"):
        await step("POST", "/sponsors", state)
    await step("DELETE", f"/sponsors/{await entity_id('Peru')}", "Peru")
    await step("POST", "/revisions")
    proposal = (await client.get(url, headers=bodies)).json()
    text = proposal["current"]["text"]["source"]
    text["paragraphs"].insert(4, {"kind": "operative", "opening": "Invites", "text": "States parties to share information;"})
    await step("PUT", "/text", text=text)
    await step("POST", "/issue", issued_on="2017-11-07")
    await step("POST", "/sponsors", "Japan")
    await step("DELETE", f"/sponsors/{await entity_id('Kenya')}", "Kenya")
    await step("POST", "/revisions")
    text["paragraphs"][3]["text"] = "States parties, as appropriate, to:"
    await step("PUT", "/text", text=text)
    await step("POST", "/issue", issued_on="2017-11-08")
    return (await client.get(url)).json()


async def test_the_l_document_reads_back_exactly_as_issued(
    client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str], focal_point: Any
) -> None:
    proposal = await _two_revisions(client, cosp, bodies, focal_point)
    assert proposal["symbol"] == "CAC/COSP/2017/L.8/Rev.2"
    response = await client.get(f"/api/proposals/{proposal['id']}/document.pdf")
    assert response.status_code == 200, response.text
    assert 'filename="CAC-COSP-2017-L.8-Rev.2.pdf"' in response.headers["content-disposition"]
    text = " ".join(pdf_text(response.content).split())
    assert_in_order(text, [
        "United Nations", "CAC/COSP/2017/L.8/Rev.2", "Distr.: Limited", "8 November 2017", "Original: English",
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "Seventh session", "Vienna, 6–10 November 2017", "Agenda item 2",
        "Review of implementation of the United Nations Convention against Corruption",
        "Australia, Brazil, Israel, Japan, Norway and United States of America: revised draft resolution",
        "Strengthening international cooperation in asset recovery",
        "The Conference of the States Parties to the United Nations Convention against Corruption,",
        "Recalling the United Nations Convention against Corruption,1",
        "Welcoming also the report of the Secretariat on asset recovery,2",
        "Bearing in mind that the return of assets",
        "1. Urges States parties, as appropriate, to:",
        "(a) Adopt measures for the return of assets;", "(b) Cooperate with one another in tracing assets;",
        "2. Invites States parties to share information;",
        "3. Requests the Secretariat to continue its work;",
        "4. Decides to remain seized of the matter.",
        "1 United Nations, Treaty Series, vol. 2349, No. 42146.",
        "2 CAC/COSP/2017/3 and CAC/COSP/2017/7.",
    ])
    assert "Kenya" not in text and "Peru" not in text
    assert italic_phrases(response.content) == [
        "Recalling", "Welcoming also", "Bearing in mind", "Urges", "Invites", "Requests", "Decides"]
    links = [annotation.get_object()["/A"]["/URI"] for page in pdf_reader(response.content).pages
             for annotation in page.get("/Annots", [])]
    assert links == ["https://undocs.org/CAC/COSP/2017/3", "https://undocs.org/CAC/COSP/2017/7"]


async def test_earlier_versions_and_the_changes_print_as_they_were(
    client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str], focal_point: Any
) -> None:
    proposal = await _two_revisions(client, cosp, bodies, focal_point)
    url = f"/api/proposals/{proposal['id']}/document.pdf"
    original = " ".join(pdf_text((await client.get(url, params={"revision": 0})).content).split())
    assert_in_order(original, ["CAC/COSP/2017/L.8", "6 November 2017",
                               "Australia, Brazil, Israel and United States of America: draft resolution",
                               "1. Urges States parties to:", "2. Requests the Secretariat"])
    first = " ".join(pdf_text((await client.get(url, params={"revision": 1})).content).split())
    assert "Australia, Brazil, Israel, Kenya, Norway and United States of America: revised draft resolution" in first
    marked = await client.get(url, params={"marked": "true"})
    assert marked.status_code == 200
    assert 'filename="CAC-COSP-2017-L.8-Rev.2-marked.pdf"' in marked.headers["content-disposition"]
    shown = " ".join(pdf_text(marked.content).split())
    # "parties" struck through, then "parties, as appropriate," inserted; Rev.1's paragraph 2 unchanged.
    assert_in_order(shown, ["Changes against CAC/COSP/2017/L.8/Rev.1",
                            "1. Urges States parties parties, as appropriate, to:",
                            "2. Invites States parties to share information;"])
    assert shown.count("Strengthening international cooperation") == 1  # an unchanged title is printed once
    note, *openings = italic_phrases(marked.content)
    assert note.startswith("Changes against CAC/COSP/2017/L.8/Rev.1")
    assert openings == ["Recalling", "Welcoming also", "Bearing in mind", "Urges", "Invites", "Requests", "Decides"]
    adopted = await client.post(f"/api/proposals/{proposal['id']}/action", headers=bodies,
                                json={"outcome": "adopted", "acted_on": "2017-11-10"})
    assert adopted.status_code == 201, adopted.text
    text = " ".join(pdf_text((await client.get(f"/api/proposals/{proposal['id']}/adopted.pdf")).content).split())
    assert_in_order(text, ["Resolution 7/1", "Adopted on 10 November 2017", "Resolution 7/1",
                           "Adopted on the basis of CAC/COSP/2017/L.8/Rev.2.",
                           "Strengthening international cooperation in asset recovery",
                           "The Conference of the States Parties", "4. Decides to remain seized of the matter."])
    assert "draft resolution" not in text and "Distr.: Limited" not in text


async def test_every_official_language_prints_with_real_glyphs(
    client: AsyncClient, cosp: dict[str, Any], bodies: dict[str, str]
) -> None:
    words = {"ar": "اتفاقية الأمم المتحدة لمكافحة الفساد", "zh": "联合国反腐败公约",
             "ru": "Конвенция Организации Объединенных Наций против коррупции",
             "fr": "Convention des Nations Unies contre la corruption", "es": "Convención de las Naciones Unidas"}
    paragraphs = [{"kind": "preambular", "opening": "Recalling", "text": f"the Convention,[^{n}]"} for n in (1, 2)]
    paragraphs.append({"kind": "operative", "opening": "Decides", "text": f"to publish it as «{words['fr']}»."})
    created = await client.post(f"/api/sessions/{cosp['id']}/proposals", headers=bodies, json={
        "kind": "decision", "title": f"{words['es']} / {words['ru']}", "sponsor_ids": [await entity_id("Egypt")],
        "text": {"paragraphs": paragraphs, "footnotes": [words["ar"], words["zh"]]}})
    assert created.status_code == 201, created.text
    content = (await client.get(f"/api/proposals/{created.json()['id']}/document.pdf", headers=bodies)).content
    text = pdf_text(content)
    for language in ("zh", "ru", "fr", "es"):
        assert words[language] in " ".join(text.split()), language
    runs = font_runs(content)
    assert all("Noto" in font for _, font in runs), {font for _, font in runs}
    arabic = [font for run, font in runs if any("\u0600" <= c <= "\u06ff" for c in run)]
    chinese = [font for run, font in runs if any("\u4e00" <= c <= "\u9fff" for c in run)]
    assert arabic and all("Arabic" in font for font in arabic), arabic
    assert chinese and all("CJK" in font for font in chinese), chinese
    assert all(embedded_fonts(content).values())
