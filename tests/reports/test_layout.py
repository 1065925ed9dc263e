"""Layout a conference officer checks: the UN masthead, line spacing with Arabic, long words, symbols, times."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from httpx import AsyncClient

from convene.meetings.services import get_session
from convene.reports.attendance import build_attendance
from convene.reports.rendering import render_pdf

from convene.reports.texts import gmt_offset, gmt_offsets
from tests.reports.conftest import add_delegation, check_in, marked_runs, page_texts, pdf_text, person
from tests.reports.test_participants import COSP, assert_in_order, url

LONG_WORD = "Korruptionsbekämpfungsbehördenzusammenarbeitsvereinbarungsausschussvorsitzendenstellvertreterinnen" * 2


async def test_the_list_and_the_agenda_carry_the_un_masthead(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    today = datetime.now(UTC).date()
    issued = {f"{day.day} {day:%B %Y}" for day in (today - timedelta(days=1), today, today + timedelta(days=1))}
    for report, symbol in ((url(session["id"]), "CAC/COSP/2019/INF/2"), (
            f"/api/sessions/{session['id']}/reports/agenda.pdf", "CAC/COSP/2019/1")):
        first = " ".join(page_texts((await client.get(report, headers=bodies)).content)[0].split())
        assert_in_order(first, ["United Nations", symbol, "Distr.: General"])
        assert any(f"Distr.: General {day} Original: English" in first for day in issued), first


async def test_attendance_carries_no_bare_symbol_prefix_and_counts_only_sittings_held(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    today = datetime.now(UTC).date()
    held, to_come = today - timedelta(days=1), today + timedelta(days=2)
    session = await create_session(**COSP, start_date=held.isoformat(), end_date=to_come.isoformat())
    ids = await add_delegation(session["id"], "Austria", [person("Anna", "Berger")])
    sittings = []
    for day in (held, to_come):
        created = await client.post(f"/api/sessions/{session['id']}/sittings", headers=bodies,
                                    json={"starts_at": f"{day}T10:00", "ends_at": f"{day}T13:00", "room": "Plenary Hall"})
        assert created.status_code == 201, created.text
        sittings.append(created.json()["id"])
    await check_in(ids[0], sittings[0])
    text = " ".join(pdf_text((await client.get(
        f"/api/sessions/{session['id']}/reports/attendance.pdf", headers=bodies)).content).split())
    assert "CAC/COSP/2019" not in text, "a working report has no symbol, not the bare prefix"
    assert f"{held:%A}, {held.day} {held:%B %Y}" in text
    assert f"{to_come.day} {to_come:%B %Y}, 10 a.m." not in text, "a sitting still to come was not held"


async def test_arabic_lines_are_spaced_as_latin_lines(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Egypt", [
        person("Anna", "Berger", function="Adviser"), person("محمد", "حداد", function="Adviser"),
        person("王", "小明", function="Adviser"), person("Karl", "Huber", function="Adviser"),
    ])
    runs = marked_runs((await client.get(url(session["id"]), headers=bodies)).content)
    names = [run.y for run in runs if any(part in run.text for part in ("BERGER", "حداد", "小明", "HUBER"))]
    details = [run.y for run in runs if run.text.startswith("Adviser")]
    assert len(names) == len(details) == 4
    lines = sorted(names + details)  # name, details, name, details ... on one page
    to_details = [lines[i + 1] - lines[i] for i in range(0, 8, 2)]
    to_next_name = [lines[i + 1] - lines[i] for i in range(1, 7, 2)]
    for gaps in (to_details, to_next_name):
        assert max(gaps) - min(gaps) < 0.3, f"lines with Arabic or CJK are taller: {gaps}"


async def test_a_long_unbreakable_word_wraps_inside_the_margins(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [person("Anna", "Berger", organization=LONG_WORD)])
    text = pdf_text((await client.get(url(session["id"]), headers=bodies)).content)
    assert LONG_WORD not in text, "the word is broken over lines"
    assert LONG_WORD in text.replace("\n", ""), "and printed whole"


def test_time_zones_print_as_offsets_from_gmt() -> None:
    assert gmt_offset("Asia/Dubai", datetime(2019, 12, 16).date()) == "GMT+4"
    assert gmt_offset("Europe/Vienna", datetime(2020, 8, 31).date()) == "GMT+2"
    assert gmt_offset("Asia/Kolkata", datetime(2020, 8, 31).date()) == "GMT+5:30"
    assert gmt_offset("America/New_York", datetime(2020, 1, 6).date()) == "GMT-5"
    assert gmt_offset("UTC", datetime(2020, 1, 6).date()) == "GMT"
    assert gmt_offsets("Europe/Vienna", datetime(2020, 10, 20).date(), datetime(2020, 10, 27).date()) == (
        "GMT+2 and GMT+1")


async def test_a_table_caption_is_never_left_alone_at_the_foot_of_a_page(
    create_session: Any, registry: None
) -> None:
    """More and more lines above the first table, until it moves to the next page: it moves with its caption."""
    session = await get_session((await create_session(**COSP))["id"], include_private=True)
    report = await build_attendance(session)
    caption = "Delegations and persons by category"
    for lines in range(20, 60):
        padded = msgspec.structs.replace(report, organizations_as_parties=[f"Line {n}." for n in range(lines)])
        pages = [" ".join(text.split()) for text in page_texts(render_pdf("attendance.html", padded).content)]
        page = next(number for number, text in enumerate(pages) if caption in text)
        assert re.search(f"{caption}.*States parties \\d", pages[page]), f"caption alone with {lines} lines"
        if page:
            return
    raise AssertionError("the table never reached the next page")
