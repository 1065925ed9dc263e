"""A name no installed font can print is reported, and printed as U+FFFD rather than as a box that claims the character."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from convene.reports.coverage import missing_characters, printable
from tests.reports.conftest import add_delegation, pdf_text, person
from tests.reports.test_participants import COSP, url

PRIVATE_USE = "\ue000"


async def test_names_with_characters_no_font_covers_are_reported_and_not_claimed_by_the_text_layer(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "Austria", [
        person("Anna", f"Ber{PRIVATE_USE}ger", honorific="Ms."), person("Karl", "Huber"),
    ])
    response = await client.get(url(session["id"]), headers=bodies)
    assert response.status_code == 200, response.text
    assert response.headers["x-report-unprintable"] == "1"
    text = pdf_text(response.content)
    assert PRIVATE_USE not in text and "Anna BER\ufffdGER" in text and "Karl HUBER" in text
    page = await client.get(f"/sessions/{session['id']}/reports", headers=bodies)
    assert page.status_code == 200
    assert f"Ms. Anna BER{PRIVATE_USE}GER" in page.text and "Karl HUBER" not in page.text
    cached = await client.get(url(session["id"]), headers=bodies)
    assert cached.headers["x-report-cache"] == "hit" and cached.headers["x-report-unprintable"] == "1"


async def test_a_list_every_font_covers_reports_nothing(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    await add_delegation(session["id"], "China", [person("小明", "王"), person("محمد", "حداد"), person("Иван", "Петров")])
    response = await client.get(url(session["id"]), headers=bodies)
    assert response.headers["x-report-unprintable"] == "0"


def test_coverage_comes_from_the_installed_fonts_and_ignores_invisible_controls() -> None:
    assert printable("A") and printable("ع") and printable("王") and printable("\u2068")
    assert not printable(PRIVATE_USE)
    assert missing_characters(f"a{PRIVATE_USE}b{PRIVATE_USE}") == [PRIVATE_USE]
