"""What a screen reader and a PDF viewer's search need: languages, actual text, artifacts, one run per name."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from convene.entities.tables import Entity
from tests.reports.conftest import (
    add_delegation,
    check_in,
    marked_runs,
    pdf_reader,
    person,
    structure_elements,
)
from tests.reports.test_participants import COSP, url

ARABIC_HONORIFIC = "السيد"
ARABIC_NAME = ("محمد", "عبد الله")
ARABIC_NGO = "جمعية الشفافية الكويتية"


async def _multilingual(create_session: Any) -> int:
    session = await create_session(**COSP)
    sid = session["id"]
    await add_delegation(sid, "Egypt", [person(*ARABIC_NAME, honorific=ARABIC_HONORIFIC, is_head=True)])
    await add_delegation(sid, "Russian Federation", [person("Иван", "Петров", honorific="Mr.")])
    await add_delegation(sid, "China", [person("小明", "王", honorific="Mr.")])
    await add_delegation(sid, "Viet Nam", [person("Thị Hương", "Nguyễn", honorific="Ms.")])
    await add_delegation(sid, "Austria", [person("Anna", "Berger", honorific="Ms.")])
    return sid


async def test_runs_not_in_english_carry_their_language_in_the_structure_tree(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    sid = await _multilingual(create_session)
    content = (await client.get(url(sid), headers=bodies)).content
    assert pdf_reader(content).trailer["/Root"]["/Lang"] == "en"
    languages = {str(e.get("/Lang")) for e in structure_elements(content) if "/Lang" in e}
    assert {"ar", "ru", "zh", "vi"} <= languages, languages
    english = [e for e in structure_elements(content) if "BERGER" in str(e.get("/ActualText", ""))]
    assert not english, "English runs need no language of their own"


async def test_the_running_header_and_footer_are_artifacts_and_the_content_is_tagged(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    sid = await _multilingual(create_session)
    runs = marked_runs((await client.get(url(sid), headers=bodies)).content)
    footer = [run for run in runs if run.text.startswith("Page 1 of") or run.text == "CAC/COSP/2019/INF/2"]
    assert len(footer) >= 2
    last = max(run.y for run in footer)
    for run in runs:
        if run.y >= last - 1:  # the footer's line
            assert run.tag == "/Artifact", run
            assert str(run.properties.get("/Type")) == "/Pagination" and "/MCID" not in run.properties
        else:
            assert run.tag == "/Span" and "/MCID" in run.properties, run
    numbers = sorted(int(run.properties["/MCID"]) for run in runs if run.tag == "/Span" and run.page == 1)
    assert numbers[0] == 0 and set(numbers) == set(range(numbers[-1] + 1)), "marked content is numbered 0, 1, 2 ..."


async def test_every_marked_run_is_owned_by_the_structure_element_the_parent_tree_names(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    sid = await _multilingual(create_session)
    reader = pdf_reader((await client.get(url(sid), headers=bodies)).content)
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, page in enumerate(reader.pages):
        owners = parents[int(page["/StructParents"])]
        for mcid, owner in enumerate(owners):
            element = owner.get_object()
            kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
            assert mcid in [int(kid) for kid in kids if isinstance(kid, int)], (number, mcid, element)


async def test_right_to_left_runs_and_ligatures_carry_their_actual_text(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    sid = await _multilingual(create_session)
    content = (await client.get(url(sid), headers=bodies)).content
    expected = f"{ARABIC_HONORIFIC} {ARABIC_NAME[0]} {ARABIC_NAME[1]}"  # "الله" is a single glyph in Naskh
    in_stream = [str(run.properties.get("/ActualText", "")) for run in marked_runs(content)]
    assert expected in in_stream, "search and copy find the name as written"
    in_tree = [str(e["/ActualText"]) for e in structure_elements(content) if "/ActualText" in e]
    assert expected in in_tree, "a screen reader reads the name as written"


async def test_an_arabic_honorific_and_name_form_one_run(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    sid = await _multilingual(create_session)
    runs = marked_runs((await client.get(url(sid), headers=bodies)).content)
    with_honorific = [run.text for run in runs if ARABIC_HONORIFIC in run.text]
    assert with_honorific and all(ARABIC_NAME[0] in text for text in with_honorific), (
        "the honorific is drawn in the name's right-to-left run, not apart from it", with_honorific)


async def test_arabic_entity_names_in_the_attendance_are_isolated_from_their_count(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    if not await Entity.exists().where(Entity.short_name == ARABIC_NGO):
        await Entity(short_name=ARABIC_NGO, name=ARABIC_NGO, category="ngo").save()
    session = await create_session(**COSP)
    ids = await add_delegation(session["id"], ARABIC_NGO, [person("Sara", "Khalil")])
    sitting = await client.post(f"/api/sessions/{session['id']}/sittings", headers=bodies,
                                json={"starts_at": "2020-08-31T10:00", "ends_at": "2020-08-31T13:00", "room": "Plenary Hall"})
    assert sitting.status_code == 201, sitting.text
    await check_in(ids[0], sitting.json()["id"])
    content = (await client.get(f"/api/sessions/{session['id']}/reports/attendance.pdf", headers=bodies)).content
    isolated = [e for e in structure_elements(content) if str(e.get("/ActualText", "")) == ARABIC_NGO]
    assert isolated and all(str(e["/Lang"]) == "ar" for e in isolated), "the name is a run of its own, in Arabic"
