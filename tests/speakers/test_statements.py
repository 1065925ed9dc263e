"""Written statements: the speaker attaches the text; the secretariat and the interpreters read it
before delivery (interpreters nothing else); everyone may once it has been delivered."""

from __future__ import annotations

from typing import Any

from convene.accounts.roles import Role
from httpx import AsyncClient

from tests.speakers.world import act, enter, open_floor
from tests.web.conftest import BrowserFactory

TEXT = "Mr. Chair,\nAustria aligns itself with the statement of the European Union.\n"


async def test_interpreters_read_a_statement_before_delivery_and_the_public_after(
    client: AsyncClient,
    bodies: dict[str, str],
    registry: None,
    make_account_headers: Any,
    browser_for: BrowserFactory,
) -> None:
    floor = await open_floor(client, bodies)
    await enter(client, floor, "Austria")
    speaker = floor.person("Austria")
    links = await client.get(f"/api/registrations/{speaker['id']}/join-links", headers=bodies)
    token = links.json()[0]["url"].rsplit("/join/", 1)[1]
    asked = await client.post(f"/api/floor/{token}/requests", json={"kind": "statement"})
    entry = asked.json()["waiting"][0]["id"]
    attached = await client.put(f"/api/floor/{token}/requests/{entry}/statement", json={"text": TEXT})
    assert attached.status_code == 200, attached.text
    assert attached.json()["delivered"] is False

    interpreter = await make_account_headers("booth@unog.example", Role.INTERPRETER)
    ahead = await client.get(f"/api/speaker-lists/{floor.list_id}/statements", headers=interpreter)
    assert [(s["entity"], s["text"]) for s in ahead.json()] == [("Austria", TEXT)]
    console = await client.get(f"/api/speaker-lists/{floor.list_id}/console", headers=interpreter)
    assert console.status_code == 403
    booth = await browser_for("booth2@unog.example", Role.INTERPRETER)
    desk = await booth.get(f"/statements/{floor.list_id}")
    assert desk.status_code == 200 and "aligns itself with the statement" in desk.text
    assert (await booth.get(f"/secretariat/speakers/{floor.list_id}")).status_code == 403
    public = f"/api/speaker-entries/{entry}/statement"
    assert (await client.get(public)).status_code == 404

    await act(client, floor, "call")
    await act(client, floor, "timer", action="stop")
    delivered = await client.get(public)
    assert delivered.status_code == 200 and delivered.json()["delivered"] is True
    page = await client.get(f"/sessions/{floor.world.session_id}/speakers")
    assert page.status_code == 200
    assert f'href="/speakers/statements/{entry}"' in page.text
    assert "Statements were made by the representatives of Austria" in page.text
