"""In a real Chromium against a real ``convene serve`` (two workers, Redis): a badge scanned at the
door appears in the live picture that another screen is showing, without reloading it."""

from __future__ import annotations

import dataclasses

import pytest
from convene.accounts.roles import Role
from convene.settings import Settings
from httpx import AsyncClient
from playwright.async_api import expect

from tests.accounts.conftest import make_person
from tests.presence.world import build_world
from tests.web.browser import ON_POSTGRES, Pages, pages_fixture
from tests.web.test_browser import sign_in

pytestmark = [pytest.mark.timeout(300), ON_POSTGRES]


@pytest.fixture
def settings(settings: Settings, redis_url: str) -> Settings:
    """With Redis, as in production: the door's worker tells the picture's worker."""
    return dataclasses.replace(settings, redis_url=redis_url)


pages = pages_fixture("presence")


async def test_a_scan_at_the_door_appears_in_the_live_picture_of_another_screen(
    live_server: str, pages: Pages, client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(
        client, bodies, {"Austria": ["in_person", "in_person"], "Kenya": ["in_person"]}
    )
    await make_person("officer@unodc.example", Role.SECRETARIAT, full_name="Ms. Olga Officer")
    arriving = world.registrations["Austria"][0]

    picture = await pages.person(live_server)
    await sign_in(picture, pages, "officer@unodc.example", "picture")
    await picture.goto(f"/secretariat/sittings/{world.sitting_id}/presence")
    await expect(picture.locator("[data-live-state=listening]")).to_be_attached()
    austria = picture.locator('tr[data-delegation="Austria"] [data-in-room]')
    await expect(austria).to_have_text("")
    await expect(picture.locator("#quorum-heading")).to_have_text("Quorum: not met")
    await pages.look(picture, "live-picture-before")

    desk = await pages.person(live_server)
    await sign_in(desk, pages, "officer@unodc.example", "door")
    await desk.goto(f"/secretariat/sittings/{world.sitting_id}/door")
    field = desk.get_by_label("Badge code")
    await expect(field).to_be_focused()
    await field.fill(world.badges["Austria"][0])
    await field.press("Enter")  # as a USB scanner does
    await expect(desk.locator(".scan-result")).to_contain_text("entered")
    await expect(field).to_have_value("")
    await expect(field).to_be_focused()
    await field.fill(world.badges["Austria"][0])
    await field.press("Enter")
    await expect(desk.locator(".scan-result")).to_contain_text("is already inside since")
    await pages.look(desk, "door-after-scans")

    family = arriving["family_name"].upper()
    await expect(austria).to_contain_text(family)  # no reload: the stream said so
    await expect(picture.locator("#quorum-heading")).to_have_text("Quorum: met")
    await pages.look(picture, "live-picture-after")
    assert pages.verdict() == {}, (
        "axe-core found serious or critical violations (see test-artifacts/web)"
    )
