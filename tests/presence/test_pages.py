"""The secretariat's door and live picture pages, and a person's join page, as browsers see them."""

from __future__ import annotations

import re
from typing import Any

from convene.accounts.roles import Role
from httpx import AsyncClient

from tests.delegations.conftest import entity_id
from tests.presence.world import build_world
from tests.web.conftest import Browser, BrowserFactory, browser_for, field_error, officer, text_of  # noqa: F401


def _key(html: str) -> str:
    found = re.search(r'name="idempotency_key" value="([^"]+)"', html)
    assert found, "the door's form has no idempotency key"
    return found.group(1)


async def test_the_door_page_records_scans_clears_the_field_and_refuses_with_names(
    client: AsyncClient, officer: Browser, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(client, bodies, {"Austria": ["in_person"] * 3})
    path = f"/secretariat/sittings/{world.sitting_id}/door"
    page = await officer.get(path)
    assert page.status_code == 200, page.text
    key = _key(page.text)

    async def scan(badge: str, key: str, direction: str = "in") -> Any:
        return await officer.post(
            path,
            {
                "badge_code": badge.lower(),
                "direction": direction,
                "idempotency_key": key,
                "door": "Door A",
            },
        )

    first = await scan(world.badges["Austria"][0], key)
    assert first.status_code == 200, first.text
    assert "entered" in text_of(first.text)
    assert _key(first.text) != key  # a fresh form for the next scan
    assert re.search(r'id="badge_code" name="badge_code" type="text" value=""', first.text)
    assert 'value="Door A"' in first.text
    resent = await scan(world.badges["Austria"][0], key)  # the same form posted twice
    assert "entered" in text_of(resent.text)
    again = await scan(world.badges["Austria"][0], _key(first.text))
    assert "is already inside since" in text_of(again.text)

    await scan(world.badges["Austria"][1], _key(again.text))
    refused = await scan(world.badges["Austria"][2], _key(again.text) + "x")
    words = text_of(refused.text)
    assert "Refused: all 2 seats of Austria are taken" in words
    assert world.registrations["Austria"][0]["family_name"].upper() in words

    unknown = await scan("NOSUCH", _key(refused.text))
    assert unknown.status_code == 404
    assert (
        field_error(unknown.text, "badge_code")
        == "No registration of this session has this badge code"
    )


async def test_the_live_picture_page_shows_the_quorum_and_who_is_where(
    client: AsyncClient, officer: Browser, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(
        client, bodies, {"Austria": ["in_person"], "Kenya": ["in_person"], "Peru": ["in_person"]}
    )
    await client.post(
        f"/api/sittings/{world.sitting_id}/door/scans",
        json={
            "badge_code": world.badges["Austria"][0],
            "direction": "in",
            "idempotency_key": "page-test-0001",
        },
        headers=bodies,
    )
    page = await officer.get(f"/secretariat/sittings/{world.sitting_id}/presence")
    assert page.status_code == 200, page.text
    words = text_of(page.text)
    assert "Quorum: met" in words
    assert (
        "1 of 3 States parties present (1 in the room, 0 online only); 1 needed to open the sitting."
        in words
    )
    assert world.registrations["Austria"][0]["family_name"].upper() in words
    assert 'data-live-events="/api/sessions/' in page.text
    chair = await officer.get(f"/secretariat/sittings/{world.sitting_id}/presence", view="chair")
    assert "Quorum: met" in text_of(chair.text) and "Expected at the table" not in chair.text


async def test_the_join_page_gives_the_link_of_the_persons_mode_and_records_the_leave(
    client: AsyncClient, browser_for: BrowserFactory, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(client, bodies, {"Austria": ["online_speaking"]})
    speaker = world.registrations["Austria"][0]
    links = (
        await client.get(f"/api/registrations/{speaker['id']}/join-links", headers=bodies)
    ).json()
    path = links[0]["url"].removeprefix("http://convene.test")
    visitor = await browser_for()
    page = await visitor.get(path)
    assert page.status_code == 200, page.text
    assert 'href="https://meet.example.org/irg-speakers"' in page.text
    assert "with the floor" in text_of(page.text)
    left = await visitor.post(f"{path}/leave")
    assert left.status_code == 200, left.text
    assert "You have left the sitting" in text_of(left.text)
    forged = await visitor.get(path[:-3] + "abc")
    assert forged.status_code == 404


async def test_a_focal_point_names_who_sits_at_the_table_and_the_desk_sees_the_plan(
    client: AsyncClient, browser_for: BrowserFactory, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(client, bodies, {"Austria": ["in_person"] * 3})
    focal = await browser_for("focal@austria.example", Role.FOCAL_POINT, await entity_id("Austria"))
    path = f"/delegations/{world.delegations['Austria']}/seat-plan"
    page = await focal.get(path)
    assert page.status_code == 200, page.text
    assert "Expected at the table (2 seats)" in text_of(page.text)
    first, second, third = (r["id"] for r in world.registrations["Austria"])
    too_many = await focal.post(
        f"{path}/{world.sitting_id}",
        [("registration_ids", first), ("registration_ids", second), ("registration_ids", third)],
    )
    assert too_many.status_code == 422
    assert "name at most 2" in text_of(too_many.text)
    saved = await focal.post(
        f"{path}/{world.sitting_id}", [("registration_ids", first), ("registration_ids", third)]
    )
    assert (
        saved.status_code == 303 and saved.headers["location"] == f"{path}?notice=seat-plan-saved"
    )
    page = await focal.get(path)
    assert len(re.findall(r'name="registration_ids" type="checkbox" value="\d+" checked', page.text)) == 2
    picture = (
        await client.get(f"/api/sittings/{world.sitting_id}/presence", headers=bodies)
    ).json()
    assert {p["registration_id"] for p in picture["delegations"][0]["expected"]} == {first, third}
