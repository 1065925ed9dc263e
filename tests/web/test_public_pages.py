"""The public's pages: the sessions, upcoming and past, and a session's own page."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.web.conftest import BrowserFactory, field_error, text_of


async def test_the_list_shows_published_sessions_and_filters_them(
    browser_for: BrowserFactory, create_session: Any
) -> None:
    upcoming = await create_session(
        parts=[{"body": "IRG", "number": 40}],
        start_date="2099-08-31",
        end_date="2099-09-02",
        symbol_prefix="CAC/COSP/IRG/2099",
    )
    await create_session(
        parts=[{"body": "IRG", "number": 41}],
        start_date="2099-10-05",
        end_date="2099-10-07",
        status="draft",
        symbol_prefix="CAC/COSP/IRG/2099/B",
    )
    await create_session(
        parts=[{"body": "WGP", "number": 11}],
        start_date="2020-09-02",
        end_date="2020-09-04",
        format="online",
        symbol_prefix="CAC/COSP/WG.4/2020",
    )
    public = await browser_for()

    page = text_of((await public.get("/")).text)
    assert "Fortieth session of the Implementation Review Group" in page
    assert "31 August–2 September 2099" in page and "Vienna International Centre, Vienna" in page
    assert "Forty-first session" not in page, "a draft is the secretariat's only"
    assert "Eleventh session of the Working Group" not in page, "a past session is under Past"

    past = text_of((await public.get("/", when="past", format="online", year="2020")).text)
    assert "Eleventh session of the Working Group on the Prevention of Corruption" in past
    by_body = text_of((await public.get("/", when="past", body="IRG")).text)
    assert "No session matches these filters." in by_body
    assert f'href="/sessions/{upcoming["id"]}"' in (await public.get("/")).text


async def test_a_filter_that_makes_no_sense_is_named_beside_its_field(
    browser_for: BrowserFactory,
) -> None:
    answer = await (await browser_for()).get("/", year="twenty", format="carrier-pigeon")
    assert answer.status_code == 400
    assert field_error(answer.text, "year") == "Enter a year such as 2020"
    assert field_error(answer.text, "format") == "Choose one of the formats"


async def test_a_session_page_shows_everything_a_participant_needs(
    client: AsyncClient,
    browser_for: BrowserFactory,
    create_session: Any,
    bodies: dict[str, str],
) -> None:
    session = await create_session(
        parts=[{"body": "IRG", "number": 40}],
        start_date="2099-08-31",
        end_date="2099-09-02",
        symbol_prefix="CAC/COSP/IRG/2099",
        join_link="https://meet.example/irg-40",
        platform_name="Interprefy",
    )
    sid = session["id"]
    agenda = (
        await client.post(
            f"/api/sessions/{sid}/agenda/items",
            json={"title": "Organizational matters"},
            headers=bodies,
        )
    ).json()
    item = agenda["items"][0]["id"]
    await client.post(
        f"/api/sessions/{sid}/documents",
        headers=bodies,
        json={
            "symbol": "CAC/COSP/IRG/2099/1",
            "title": "Provisional agenda",
            "agenda_item_id": item,
        },
    )
    await client.post(
        f"/api/sessions/{sid}/sittings",
        headers=bodies,
        json={
            "starts_at": "2099-08-31T10:00",
            "ends_at": "2099-08-31T13:00",
            "room": "Board Room D",
            "agenda_item_ids": [item],
        },
    )
    await client.post(
        f"/api/sessions/{sid}/officers",
        headers=bodies,
        json={"role": "chair", "name": "Harib Saeed Al Amimi", "honorific": "H.E. Mr."},
    )

    answer = await (await browser_for()).get(f"/sessions/{sid}")
    assert answer.status_code == 200
    page = text_of(answer.text)
    for expected in (
        "Fortieth session of the Implementation Review Group",
        "Hybrid",
        "31 August–2 September 2099",
        "Vienna International Centre, Vienna",
        "Vienna time (Europe/Vienna)",
        "Chair: H.E. Mr. Harib Saeed Al Amimi",
        "Organizational matters",
        "CAC/COSP/IRG/2099/1: Provisional agenda",
        "1st meeting",
        "Monday, 31 August 2099, 10 a.m.–1 p.m. (CEST)",
        "Board Room D",
        "The list of participants will be published here.",
    ):
        assert expected in page, expected
    assert '<time datetime="2099-08-31T08:00:00Z" data-viewer-time="datetime">' in answer.text
    assert f'href="/calendar/sessions/{sid}/sittings.ics"' in answer.text
    assert f'href="webcal://convene.test/calendar/sessions/{sid}/sittings.ics"' in answer.text
    assert "meet.example" not in answer.text, "the join link is for approved online delegates only"


async def test_the_list_of_participants_appears_once_published(
    client: AsyncClient,
    browser_for: BrowserFactory,
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
    bodies: dict[str, str],
) -> None:
    delegation = await open_delegation(session["id"], austria)
    registration = (
        await register(
            delegation["id"],
            austria,
            given_name="Gregor",
            family_name="Koessler",
            function="Ambassador",
            is_head=True,
        )
    ).json()
    await client.post(f"/api/registrations/{registration['id']}/approval", headers=bodies)
    public = await browser_for()
    assert "Koessler" not in (await public.get(f"/sessions/{session['id']}")).text

    await client.patch(
        f"/api/sessions/{session['id']}", json={"participants_published": True}, headers=bodies
    )
    page = text_of((await public.get(f"/sessions/{session['id']}")).text)
    assert "States parties" in page and "Austria" in page
    assert "Gregor KOESSLER, Ambassador (Head of delegation)" in page


async def test_a_draft_is_not_found_for_the_public(
    browser_for: BrowserFactory, create_session: Any
) -> None:
    draft = await create_session(status="draft")
    answer = await (await browser_for()).get(f"/sessions/{draft['id']}")
    assert answer.status_code == 404
    assert "Session not found" in answer.text and "<h1>Not found</h1>" in answer.text
