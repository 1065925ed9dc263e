"""Names in the six UN languages and Vietnamese print with real glyphs from Noto fonts, Arabic right to left."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from httpx import AsyncClient

from convene.delegations.names import printed_name
from convene.reports.scripts import cjk_language, script_markup
from tests.reports.conftest import add_delegation, embedded_fonts, font_runs, pdf_text, person

ARABIC_NAME = ("محمد", "عبد الله")
ARABIC_DETAILS = "وزارة الخارجية"
PRINTED = {
    "China": ("小明", "王", "王小明"),
    "Japan": ("花子", "山田", "山田花子"),
    "Russian Federation": ("Иван", "Петров", "Иван ПЕТРОВ"),
    "Spain": ("José María", "Núñez", "José María NÚÑEZ"),
    "France": ("Hélène", "Lefèvre", "Hélène LEFÈVRE"),
    "Viet Nam": ("Thị Hương", "Nguyễn", "NGUYỄN Thị Hương"),
}


def _letters(text: str) -> Counter[str]:
    return Counter(char for char in text if not char.isspace() and unicodedata.category(char)[0] == "L")


async def _multilingual_list(client: AsyncClient, create_session: Any, bodies: dict[str, str]) -> bytes:
    session = await create_session()
    await add_delegation(session["id"], "Egypt", [
        person(*ARABIC_NAME, honorific="H.E. Mr.", is_head=True, organization=ARABIC_DETAILS),
    ])
    for entity, (given, family, _) in PRINTED.items():
        await add_delegation(session["id"], entity, [person(given, family, function="Délégué·e / 代表 / مندوب")])
    response = await client.get(f"/api/sessions/{session['id']}/reports/participants.pdf", headers=bodies)
    assert response.status_code == 200, response.text
    return response.content


async def test_names_in_every_script_come_back_out_of_the_pdf(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    content = await _multilingual_list(client, create_session, bodies)
    text = pdf_text(content)
    for _, _, printed in PRINTED.values():
        assert printed in text
    arabic_runs = "".join(run for run, _ in font_runs(content) if any("\u0600" <= c <= "\u06ff" for c in run))
    wanted = _letters(" ".join(ARABIC_NAME) + ARABIC_DETAILS + "مندوب")
    assert not wanted - _letters(arabic_runs), "Arabic letters missing from the PDF's text"


async def test_every_run_is_drawn_by_a_real_noto_font_never_a_fallback(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    content = await _multilingual_list(client, create_session, bodies)
    runs = font_runs(content)
    fonts = {font for _, font in runs}
    assert all("Noto" in font for font in fonts), fonts
    embedded = embedded_fonts(content)
    assert fonts <= set(embedded) and all(embedded.values()), embedded
    assert any(re.search(r"Noto.*Arabic", font) for font in embedded)
    assert any(re.search(r"Noto.*CJK", font) for font in embedded)
    for text, font in runs:
        if any("\u0600" <= char <= "\u06ff" for char in text):
            assert re.search(r"Noto.*Arabic", font), (text, font)
        if cjk_language(text):
            assert re.search(r"Noto.*CJK", font), (text, font)


def test_arabic_is_isolated_right_to_left_and_cjk_carries_its_language() -> None:
    assert script_markup("محمد عبد الله") == '<span lang="ar">\u2068محمد عبد الله\u2069</span>'  # first strong isolate ... pop
    assert script_markup("王小明") == '<span lang="zh">王小明</span>'
    assert script_markup("山田花子さん") == '<span lang="ja">山田花子さん</span>'
    assert script_markup("김민준") == '<span lang="ko">김민준</span>'
    assert script_markup("Nguyễn <b>") == "Nguyễn &lt;b&gt;"
    assert script_markup("Anna & Co") == "Anna &amp; Co"


def test_east_asian_names_put_the_family_name_first() -> None:
    assert printed_name("小明", "王", "") == "王小明"
    assert printed_name("Gregor", "Koessler", "") == "Gregor KOESSLER"
    assert printed_name("", "Madonna", "") == "MADONNA"
