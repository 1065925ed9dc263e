"""Feeds in the subscriber's language: ``?lang=``, else the request's, else the feed owner's."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.calendar.conftest import add_item, add_sitting, read

SPANISH_IRG = "Grupo de Examen de la Aplicación"


async def _spanish_session(
    client: AsyncClient, bodies: dict[str, str], create_session: Any
) -> dict[str, Any]:
    """An IRG session named in Spanish, with an item translated and a sitting taking it up."""
    await client.patch("/api/bodies/IRG", json={"names": {"es": SPANISH_IRG}}, headers=bodies)
    session = await create_session()
    item = await add_item(client, bodies, session["id"], "Technical assistance")
    await client.patch(
        f"/api/agenda-items/{item['id']}",
        json={"titles": {"es": "Asistencia técnica"}},
        headers=bodies,
    )
    await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
        agenda_item_ids=[item["id"]],
    )
    return session


async def test_a_feed_with_lang_es_is_titled_in_spanish(
    client: AsyncClient, bodies: dict[str, str], create_session: Any
) -> None:
    session = await _spanish_session(client, bodies, create_session)
    spanish = await client.get("/calendar/sessions.ics", params={"lang": "es"})
    assert spanish.status_code == 200, spanish.text
    [event] = read(spanish.content).events()
    assert str(event["SUMMARY"]) == f"11º período de sesiones del {SPANISH_IRG}"
    sittings = await client.get(f"/calendar/sessions/{session['id']}/sittings.ics?lang=es")
    [sitting] = read(sittings.content).events()
    assert str(sitting["SUMMARY"]).startswith(f"11º período de sesiones del {SPANISH_IRG}")
    assert "Asistencia técnica" in str(sitting["DESCRIPTION"])
    body_feed = await client.get("/calendar/bodies/IRG/sessions.ics?lang=es")
    assert f"{SPANISH_IRG}: sessions" in body_feed.text
    english = await client.get("/calendar/sessions.ics")
    [event] = read(english.content).events()
    assert str(event["SUMMARY"]) == "Eleventh session of the Implementation Review Group"


async def test_each_language_is_its_own_etag_and_a_translation_changes_it(
    client: AsyncClient, bodies: dict[str, str], create_session: Any
) -> None:
    await _spanish_session(client, bodies, create_session)
    spanish = await client.get("/calendar/sessions.ics?lang=es")
    english = await client.get("/calendar/sessions.ics?lang=en")
    assert spanish.headers["etag"] != english.headers["etag"]
    again = await client.get(
        "/calendar/sessions.ics?lang=es", headers={"If-None-Match": spanish.headers["etag"]}
    )
    assert again.status_code == 304
    other = await client.get(
        "/calendar/sessions.ics?lang=fr", headers={"If-None-Match": spanish.headers["etag"]}
    )
    assert other.status_code == 200
    await client.patch("/api/bodies/IRG", json={"names": {"es": "Grupo de Examen"}}, headers=bodies)
    renamed = await client.get(
        "/calendar/sessions.ics?lang=es", headers={"If-None-Match": spanish.headers["etag"]}
    )
    assert renamed.status_code == 200
    assert "11º período de sesiones del Grupo de Examen" in renamed.text


async def test_a_feed_without_lang_follows_accept_language(
    client: AsyncClient, bodies: dict[str, str], create_session: Any
) -> None:
    await _spanish_session(client, bodies, create_session)
    feed = await client.get("/calendar/sessions.ics", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert f"del {SPANISH_IRG}" in feed.text


async def test_a_language_outside_the_six_is_a_400_naming_the_field(
    client: AsyncClient, bodies: dict[str, str], create_session: Any
) -> None:
    await create_session()
    response = await client.get("/calendar/sessions.ics?lang=de")
    assert response.status_code == 400
    assert "lang" in response.text
