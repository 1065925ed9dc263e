"""Reports built in any of the six languages; names stay as registered; Arabic right to left."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.reports.conftest import add_delegation, pdf_reader, pdf_text, person
from tests.reports.test_participants import COSP

RUSSIAN_COSP = (
    "Конференция государств – участников Конвенции Организации Объединенных Наций против коррупции"
)


async def _session(
    client: AsyncClient, create_session: Any, headers: dict[str, str]
) -> dict[str, Any]:
    await client.patch(
        "/api/bodies/COSP",
        json={"names": {"ru": RUSSIAN_COSP, "ar": "مؤتمر الدول الأطراف"}},
        headers=headers,
    )
    session = await create_session(**COSP)
    await add_delegation(
        session["id"],
        "Austria",
        [person("Gregor", "Koessler", is_head=True), person("Anna", "Berger")],
    )
    await add_delegation(
        session["id"], "World Bank", [person("Wen", "Li", mode="online_listening")]
    )
    return session


async def test_a_report_in_russian_has_russian_headings_title_and_dates_and_names_as_registered(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await _session(client, create_session, bodies)
    response = await client.get(
        f"/api/sessions/{session['id']}/reports/participants.pdf?version=provisional&language=ru",
        headers=bodies,
    )
    assert response.status_code == 200, response.text
    text = " ".join(pdf_text(response.content).split())
    assert "Предварительный список участников" in text
    assert "Государства-участники" in text
    assert (
        "Подразделения Организации Объединенных Наций, специализированные учреждения и другие органы"
        in text
    )
    assert "Восьмая сессия Конференции государств – участников Конвенции" in text
    assert "31 авг. — 2 сент. 2020 г." in text
    assert "Gregor KOESSLER, Глава делегации" in text
    assert "Austria" in text  # entities' and persons' names as registered
    assert "List of participants" not in text
    assert response.headers["content-disposition"].endswith('-provisional-ru.pdf"')
    assert pdf_reader(response.content).trailer["/Root"]["/Lang"] == "ru"
    english = await client.get(
        f"/api/sessions/{session['id']}/reports/participants.pdf", headers=bodies
    )
    assert "Provisional list of participants" in pdf_text(english.content)
    assert english.headers["etag"] != response.headers["etag"]


async def test_the_attendance_press_sentence_and_categories_follow_the_language(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await _session(client, create_session, bodies)
    french = await client.get(
        f"/api/sessions/{session['id']}/reports/attendance.pdf?language=fr", headers=bodies
    )
    text = " ".join(pdf_text(french.content).split())
    assert "Des représentants de 1 État partie ont participé, 1 en personne et 0 en ligne." in text
    assert "Organisations intergouvernementales" in text
    assert "Huitième session de la Conférence" not in text  # no French name given: English stands
    assert "Eighth session of the Conference of the States Parties" in text


async def test_an_arabic_report_is_laid_out_right_to_left(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await _session(client, create_session, bodies)
    response = await client.get(
        f"/api/sessions/{session['id']}/reports/agenda.pdf?language=ar", headers=bodies
    )
    assert response.status_code == 200, response.text
    assert pdf_reader(response.content).trailer["/Root"]["/Lang"] == "ar"
    text = pdf_text(response.content)
    assert "الدورة الثامنة لمؤتمر الدول الأطراف" in text
    assert "برنامج العمل" in text


async def test_a_language_outside_the_six_is_refused_naming_the_field(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await create_session(**COSP)
    response = await client.get(
        f"/api/sessions/{session['id']}/reports/agenda.pdf?language=de", headers=bodies
    )
    assert response.status_code == 400
    assert "language" in response.text
