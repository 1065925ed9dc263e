"""In a real Chromium against a real ``convene serve`` (two workers, Redis), three browsers: the
chair's console, the public display and an online delegate. The delegate asks for the floor, the
console calls them, the display shows them and the countdown, and the delegate's page says they
have the floor; none of them reloads by hand."""

from __future__ import annotations

import dataclasses
import re

import httpx
import pytest
from convene.accounts.roles import Role
from convene.presence.online import join_token
from convene.settings import Settings
from httpx import AsyncClient
from playwright.async_api import expect

from tests.accounts.conftest import make_person
from tests.speakers.world import open_floor
from tests.web.browser import ON_POSTGRES, Pages, pages_fixture
from tests.web.test_browser import sign_in

pytestmark = [pytest.mark.timeout(300), ON_POSTGRES]


@pytest.fixture
def settings(settings: Settings, redis_url: str) -> Settings:
    """With Redis, as in production: the console's worker tells the others' streams."""
    return dataclasses.replace(settings, redis_url=redis_url)


pages = pages_fixture("speakers")


async def test_an_online_delegate_asks_the_console_calls_the_display_shows_and_they_have_the_floor(
    live_server: str,
    settings: Settings,
    pages: Pages,
    client: AsyncClient,
    bodies: dict[str, str],
    registry: None,
) -> None:
    floor = await open_floor(client, bodies)
    speaker = floor.person("Brazil")
    # The server's own key (its var directory's), as its join links are signed with it.
    secret = (settings.var_dir / "secret_key").read_text().strip()
    token = join_token(secret, speaker["id"], floor.world.sitting_id)
    async with httpx.AsyncClient(base_url=live_server) as server:
        assert (await server.post(f"/api/join/{token}")).status_code == 200
    checked = await client.post(
        f"/api/sittings/{floor.world.sitting_id}/sound-checks",
        json={"registration_id": speaker["id"]},
        headers=bodies,
    )
    assert checked.status_code == 200, checked.text
    await make_person("officer@unodc.example", Role.SECRETARIAT, full_name="Ms. Olga Officer")

    console = await pages.person(live_server)
    await sign_in(console, pages, "officer@unodc.example", "console")
    await console.goto(f"/secretariat/speakers/{floor.list_id}")
    await expect(console.get_by_text("No one is waiting for the floor.")).to_be_visible()

    display = await pages.person(live_server)
    await display.goto(f"/speakers/{floor.list_id}/display")
    await expect(display.locator("[data-current-entity]")).to_have_text("No one has the floor")
    await pages.look(display, "display-before")

    delegate = await pages.person(live_server, width=390)
    await delegate.goto(f"/floor/{token}")
    await pages.look(delegate, "delegate-before")
    await delegate.get_by_role("button", name="Ask for the floor").click()
    await expect(delegate.locator("[data-my-entry]")).to_contain_text("number 1 on the list")
    await pages.look(delegate, "delegate-asked")

    brazil = console.locator('tr[data-entry="Brazil"]')
    await expect(brazil).to_contain_text("online, ready")  # the stream reloaded the console
    await expect(display.locator("[data-next]")).to_contain_text("Brazil")
    await console.get_by_role("button", name="Call next").click()
    await expect(console.locator("#now-heading + p")).to_have_text("Brazil")
    await console.get_by_role("button", name="Start timer").click()
    await expect(console.get_by_role("button", name="Pause timer")).to_be_visible()
    await pages.look(console, "console-calling")

    await expect(display.locator("[data-current-entity]")).to_have_text("Brazil")
    await expect(display.locator("[data-current-who]")).to_contain_text("online")
    await expect(display.locator("[data-countdown]")).to_have_text(re.compile(r"^4:[0-5]\d$"))
    await pages.look(display, "display-brazil-speaking")

    await expect(delegate.get_by_role("heading", name="You have the floor")).to_be_visible()
    await expect(delegate.locator("[data-countdown]")).to_have_text(re.compile(r"^4:[0-5]\d$"))
    await pages.look(delegate, "delegate-has-the-floor")
    assert pages.verdict() == {}, (
        "axe-core found serious or critical violations (see test-artifacts/web)"
    )
