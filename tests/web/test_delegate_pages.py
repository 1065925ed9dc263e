"""A delegate's page: their sessions and sittings, the join link when they attend online, their calendar link."""

from __future__ import annotations

import re
from typing import Any

from convene.accounts.roles import Role
from httpx import AsyncClient

from tests.web.conftest import BrowserFactory, entity, text_of


async def _registered(
    client: AsyncClient,
    bodies: dict[str, str],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
    session: dict[str, Any],
    people: dict[str, str],
) -> None:
    """Register each person (e-mail: mode) in Austria's delegation and approve them."""
    delegation = await open_delegation(session["id"], austria)
    for email, mode in people.items():
        answer = await register(delegation["id"], austria, email=email, mode=mode)
        await client.post(f"/api/registrations/{answer.json()['id']}/approval", headers=bodies)


async def test_an_online_delegate_sees_the_join_link_in_their_own_time(
    client: AsyncClient,
    bodies: dict[str, str],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
    create_session: Any,
    browser_for: BrowserFactory,
    registry: None,
) -> None:
    session = await create_session(
        parts=[{"body": "IRG", "number": 40}],
        start_date="2099-08-31",
        end_date="2099-09-02",
        join_link="https://meet.example/irg-40",
    )
    await client.post(
        f"/api/sessions/{session['id']}/sittings",
        headers=bodies,
        json={
            "starts_at": "2099-08-31T10:00",
            "ends_at": "2099-08-31T13:00",
            "room": "Board Room D",
        },
    )
    await _registered(
        client,
        bodies,
        austria,
        open_delegation,
        register,
        session,
        {"online@austria.example": "online_speaking", "room@austria.example": "in_person"},
    )

    online = await browser_for("online@austria.example", Role.DELEGATE, await entity("Austria"))
    page = (await online.get("/my")).text
    # The person's own Convene link, which records the join and then gives the platform's link.
    personal = re.search(r'href="(http://convene\.test/join/[^"]+)">Join online</a>', page)
    assert personal and "meet.example" not in page
    assert '<time datetime="2099-08-31T08:00:00Z" data-viewer-time="datetime">' in page
    words = text_of(page)
    assert "Online (speaking), Approved" in words
    assert "Monday, 31 August 2099, 10 a.m.–1 p.m. (CEST)" in words

    in_person = await browser_for("room@austria.example", Role.DELEGATE, await entity("Austria"))
    page = (await in_person.get("/my")).text
    assert "meet.example" not in page and "Board Room D" in page
    assert "Your badge code:" in text_of(page)


async def test_the_calendar_link_can_be_copied_and_replaced(
    browser_for: BrowserFactory, registry: None
) -> None:
    delegate = await browser_for("delegate@austria.example", Role.DELEGATE, await entity("Austria"))
    page = (await delegate.get("/my")).text
    assert "You are not registered for any session." in text_of(page)
    link = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', page).group(1)
    assert re.fullmatch(r"http://convene\.test/calendar/personal/[\w-]+/sittings\.ics", link)
    assert 'data-copy="#feed-url"' in page and f'href="webcal://{link.split("://")[1]}"' in page

    asked = await delegate.post("/my/calendar-link/rotation")
    assert asked.status_code == 200  # not yet: the old link must not stop working on one click
    assert "Replace your calendar link?" in text_of(asked.text)
    assert (await delegate.client.get(link.replace("http://convene.test", ""))).status_code == 200
    rotated = await delegate.post("/my/calendar-link/rotation", {"confirmed": "yes"})
    assert rotated.headers["location"] == "/my?notice=link-rotated"
    page = (await delegate.get("/my", notice="link-rotated")).text
    assert link not in page and "the old one no longer works" in page
    assert (await delegate.client.get(link.replace("http://convene.test", ""))).status_code == 404
