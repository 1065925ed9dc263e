"""Calendar UIDs are named by the installation, drawn once: moving the site renames no event."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from httpx import AsyncClient
from litestar.testing import AsyncTestClient

from convene.app import ConveneApp, create_app
from convene.calendar.tables import CalendarInstallation
from convene.settings import Settings
from tests.calendar.conftest import add_sitting, read


async def test_a_new_database_draws_its_uid_name_once_and_keeps_it_when_the_site_moves(
    client: AsyncClient,
    create_session: Any,
    bodies: dict[str, str],
    settings: Settings,
    app: ConveneApp,
) -> None:
    await CalendarInstallation.delete(force=True)  # a database made after UIDs got their own name
    session = await create_session()
    sitting = await add_sitting(
        client,
        bodies,
        session["id"],
        starts_at="2020-08-31T10:00",
        ends_at="2020-08-31T13:00",
        room="Board Room D",
    )
    path = f"/calendar/sessions/{session['id']}/sittings.ics"
    [event] = read((await client.get(path)).content).events()
    uid = str(event["UID"])
    found = re.fullmatch(rf"sitting-{sitting['id']}@([0-9a-f]{{32}}\.convene)", uid)
    assert found is not None, uid

    moved = create_app(replace(settings, base_url="https://meetings.example.org"))
    async with AsyncTestClient(app=moved, base_url="https://meetings.example.org") as elsewhere:
        answer = await elsewhere.get(path)
    [same] = read(answer.content).events()
    assert str(same["UID"]) == uid  # the subscriber's calendar keeps the event
    assert str(same["URL"]) == f"https://meetings.example.org/sessions/{session['id']}"
    with app.runtime.active():  # the test's app again: building one binds it for code outside
        assert [row["uid_domain"] for row in await CalendarInstallation.select()] == [found[1]]
