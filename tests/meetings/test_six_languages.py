"""Bodies, session titles and agenda items in the six official languages, through the API."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from convene.meetings.titles import PartTitle, session_title
from convene.meetings.vocabulary import SessionKind

NAMES = {
    "IRG": {
        "ar": "فريق استعراض التنفيذ",
        "zh": "实施情况审议组",
        "fr": "Groupe d'examen de l'application",
        "ru": "Группа по обзору хода осуществления",
        "es": "Grupo de Examen de la Aplicación",
    },
    "WGP": {
        "ar": "الفريق العامل المعني بمنع الفساد",
        "zh": "预防腐败问题工作组",
        "fr": "Groupe de travail sur la prévention de la corruption",
        "ru": "Рабочая группа по предупреждению коррупции",
        "es": "Grupo de Trabajo sobre Prevención de la Corrupción",
    },
    "COSP": {
        "ar": "مؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد",
        "zh": "联合国反腐败公约缔约国会议",
        "fr": "Conférence des États parties à la Convention des Nations Unies contre la corruption",
        "ru": "Конференция государств – участников Конвенции Организации Объединенных Наций против коррупции",
        "es": "Conferencia de los Estados Partes en la Convención de las Naciones Unidas contra la Corrupción",
    },
}


@pytest.fixture
async def translated(client: AsyncClient, bodies: dict[str, str]) -> dict[str, str]:
    """The test bodies with their names in the other five languages."""
    for code, names in NAMES.items():
        response = await client.patch(f"/api/bodies/{code}", json={"names": names}, headers=bodies)
        assert response.status_code == 200, response.text
    return bodies


async def _title(client: AsyncClient, session_id: int, language: str) -> str:
    response = await client.get(
        f"/api/sessions/{session_id}", headers={"Accept-Language": language}
    )
    assert response.status_code == 200, response.text
    return str(response.json()["title"])


async def test_an_ordinary_session_is_titled_in_each_language_by_its_own_grammar(
    client: AsyncClient, create_session: Any, translated: dict[str, str]
) -> None:
    session = await create_session()
    assert {
        language: await _title(client, session["id"], language) for language in NAMES["IRG"]
    } == {
        "ar": "الدورة الحادية عشرة لفريق استعراض التنفيذ",
        "zh": "实施情况审议组第十一届会议",
        "fr": "Onzième session du Groupe d'examen de l'application",
        "ru": "Одиннадцатая сессия Группы по обзору хода осуществления",
        "es": "11º período de sesiones del Grupo de Examen de la Aplicación",
    }
    assert await _title(client, session["id"], "en-GB,en;q=0.8") == (
        "Eleventh session of the Implementation Review Group"
    )


async def test_a_joint_resumed_session_names_each_body_in_each_language(
    client: AsyncClient, create_session: Any, translated: dict[str, str]
) -> None:
    session = await create_session(
        parts=[
            {"body": "IRG", "kind": "resumed", "number": 11, "resumption": 1},
            {"body": "WGP", "number": 11},
        ]
    )
    response = await client.get(f"/api/sessions/{session['id']}", params={"languages": "all"})
    titles = response.json()["titles"]
    assert titles == {
        "ar": "الدورة الحادية عشرة المستأنفة الأولى لفريق استعراض التنفيذ"
        " والدورة الحادية عشرة للفريق العامل المعني بمنع الفساد",
        "zh": "实施情况审议组第十一届会议第一次续会和预防腐败问题工作组第十一届会议",
        "en": "First resumed eleventh session of the Implementation Review Group"
        " and eleventh session of the Working Group on the Prevention of Corruption",
        "fr": "Première reprise de la onzième session du Groupe d'examen de l'application"
        " et onzième session du Groupe de travail sur la prévention de la corruption",
        "ru": "Первая возобновленная одиннадцатая сессия Группы по обзору хода осуществления"
        " и одиннадцатая сессия Рабочей группы по предупреждению коррупции",
        "es": "Primera continuación del 11º período de sesiones del Grupo de Examen de la Aplicación"
        " y 11º período de sesiones del Grupo de Trabajo sobre Prevención de la Corrupción",
    }
    assert response.json()["parts"][1]["titles"]["fr"] == (
        "onzième session du Groupe de travail sur la prévention de la corruption"
    )


async def test_special_and_twice_resumed_sessions_in_each_language(
    client: AsyncClient, create_session: Any, translated: dict[str, str]
) -> None:
    special = await create_session(parts=[{"body": "COSP", "kind": "special", "number": 1}])
    resumed = await create_session(
        parts=[{"body": "IRG", "kind": "resumed", "number": 12, "resumption": 2}]
    )
    special_titles = (await client.get(f"/api/sessions/{special['id']}?languages=all")).json()[
        "titles"
    ]
    resumed_titles = (await client.get(f"/api/sessions/{resumed['id']}?languages=all")).json()[
        "titles"
    ]
    assert special_titles["fr"].startswith(
        "Première session extraordinaire de la Conférence des États parties"
    )
    assert special_titles["es"].startswith(
        "Primer período extraordinario de sesiones de la Conferencia"
    )
    assert special_titles["ru"].startswith("Первая специальная сессия Конференции государств")
    assert special_titles["ar"].startswith("الدورة الاستثنائية الأولى لمؤتمر الدول الأطراف")
    assert special_titles["zh"] == "联合国反腐败公约缔约国会议第一届特别会议"
    assert resumed_titles == {
        "ar": "الدورة الثانية عشرة المستأنفة الثانية لفريق استعراض التنفيذ",
        "zh": "实施情况审议组第十二届会议第二次续会",
        "en": "Second resumed twelfth session of the Implementation Review Group",
        "fr": "Deuxième reprise de la douzième session du Groupe d'examen de l'application",
        "ru": "Вторая возобновленная двенадцатая сессия Группы по обзору хода осуществления",
        "es": "Segunda continuación del 12º período de sesiones del Grupo de Examen de la Aplicación",
    }


def test_ordinals_agree_with_the_noun_in_each_language() -> None:
    committee = [PartTitle("Специальный комитет", SessionKind.INTERSESSIONAL, 1)]
    assert (
        session_title(committee, locale="ru")
        == "Первое межсессионное совещание Специального комитета"
    )
    conference = [PartTitle("Conferencia", SessionKind.INTERSESSIONAL, 1)]
    assert session_title(conference, locale="es") == (
        "Primera reunión entre períodos de sesiones de la Conferencia"
    )
    assert session_title([PartTitle("Grupo", SessionKind.REGULAR, 3)], locale="es") == (
        "Tercer período de sesiones del Grupo"
    )
    assert session_title([PartTitle("Conférence", SessionKind.REGULAR, 21)], locale="fr") == (
        "Vingt et unième session de la Conférence"
    )
    assert session_title([PartTitle("الفريق", SessionKind.REGULAR, 21)], locale="ar") == (
        "الدورة الحادية والعشرون للفريق"
    )
    assert (
        session_title([PartTitle("组", SessionKind.REGULAR, 21)], locale="zh") == "组第二十一届会议"
    )


async def test_without_a_translation_english_stands_and_only_the_secretariat_is_told(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    await client.patch(
        "/api/bodies/IRG", json={"names": {"fr": NAMES["IRG"]["fr"]}}, headers=bodies
    )
    session = await create_session()
    russian_speaking = {"Accept-Language": "ru"}
    public = (await client.get(f"/api/sessions/{session['id']}", headers=russian_speaking)).json()
    assert public["title"] == "Eleventh session of the Implementation Review Group"
    assert public["untranslated"] is None
    seen = (
        await client.get(f"/api/sessions/{session['id']}", headers=russian_speaking | bodies)
    ).json()
    assert seen["untranslated"] == ["ar", "zh", "ru", "es"]
    body = (await client.get("/api/bodies/IRG", headers=bodies)).json()
    assert body["untranslated"] == ["ar", "zh", "ru", "es"]


async def test_the_secretariat_corrects_a_title_and_a_body_name_in_one_language_and_it_is_audited(
    client: AsyncClient, create_session: Any, translated: dict[str, str]
) -> None:
    session = await create_session()
    corrected = "Onzième session du Groupe d'examen de l'application (Vienne)"
    response = await client.patch(
        f"/api/sessions/{session['id']}", json={"titles": {"fr": corrected}}, headers=translated
    )
    assert response.status_code == 200, response.text
    assert await _title(client, session["id"], "fr") == corrected
    assert (
        await _title(client, session["id"], "es")
        == "11º período de sesiones del Grupo de Examen de la Aplicación"
    )
    page = await client.get(
        "/api/audit",
        params={"session_id": session["id"], "action": "session.changed"},
        headers=translated,
    )
    entry = page.json()["items"][0]
    assert entry["after"]["title"]["fr"] == corrected
    assert entry["before"]["title"]["fr"] == "Onzième session du Groupe d'examen de l'application"
    renamed = await client.patch(
        "/api/bodies/IRG", json={"names": {"es": "Grupo de Examen"}}, headers=translated
    )
    assert renamed.json()["name"] == "Implementation Review Group"
    assert (
        await _title(client, session["id"], "es") == "11º período de sesiones del Grupo de Examen"
    )
    back = await client.patch(
        f"/api/sessions/{session['id']}", json={"titles": {"fr": ""}}, headers=translated
    )
    assert back.status_code == 200
    assert (
        await _title(client, session["id"], "fr")
        == "Onzième session du Groupe d'examen de l'application"
    )


async def test_english_is_the_name_itself_and_a_line_break_is_refused_naming_the_field(
    client: AsyncClient, translated: dict[str, str]
) -> None:
    english = await client.patch(
        "/api/bodies/IRG", json={"names": {"en": "Review Group"}}, headers=translated
    )
    assert english.status_code == 422
    assert english.json()["errors"][0]["field"] == "names.en"
    broken = await client.patch(
        "/api/bodies/IRG", json={"names": {"fr": "Groupe\nd'examen"}}, headers=translated
    )
    assert broken.status_code == 400
    unknown = await client.patch(
        "/api/bodies/IRG", json={"names": {"de": "Gruppe"}}, headers=translated
    )
    assert unknown.status_code == 400


async def test_agenda_items_are_read_in_the_request_language_and_all_six_on_request(
    client: AsyncClient, create_session: Any, translated: dict[str, str]
) -> None:
    session = await create_session()
    titles = {"fr": "Questions d'organisation", "es": "Cuestiones de organización"}
    added = await client.post(
        f"/api/sessions/{session['id']}/agenda/items",
        json={"title": "Organizational matters", "titles": titles},
        headers=translated,
    )
    assert added.status_code == 201, added.text
    assert added.json()["items"][0]["untranslated"] == ["ar", "zh", "ru"]
    spanish = await client.get(
        f"/api/sessions/{session['id']}/agenda", headers={"Accept-Language": "es-ES"}
    )
    assert spanish.json()["items"][0]["title"] == "Cuestiones de organización"
    assert spanish.json()["items"][0]["untranslated"] is None
    every = await client.get(f"/api/sessions/{session['id']}/agenda?languages=all")
    assert every.json()["items"][0]["titles"] == {
        "ar": "Organizational matters",
        "zh": "Organizational matters",
        "en": "Organizational matters",
        "fr": "Questions d'organisation",
        "ru": "Organizational matters",
        "es": "Cuestiones de organización",
    }
    item_id = every.json()["items"][0]["id"]
    russian = await client.patch(
        f"/api/agenda-items/{item_id}",
        json={"titles": {"ru": "Организационные вопросы"}},
        headers=translated,
    )
    assert russian.status_code == 200
    cookie = await client.get(
        f"/api/sessions/{session['id']}/agenda", headers={"Cookie": "convene_language=ru"}
    )
    assert cookie.json()["items"][0]["title"] == "Организационные вопросы"
    wrong = await client.get(f"/api/sessions/{session['id']}/agenda?languages=some")
    assert wrong.status_code == 400
