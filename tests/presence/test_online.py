"""Personal join links: the speaking link only for a speaking place, the webcast for everyone else."""

from __future__ import annotations

from typing import Any

from convene.accounts.roles import Role
from convene.presence.tables import OnlineVisit
from httpx import AsyncClient

from tests.delegations.conftest import entity_id
from tests.presence.world import World, build_world


async def _token(
    client: AsyncClient, world: World, registration: dict[str, Any], headers: dict[str, str]
) -> str:
    links = await client.get(f"/api/registrations/{registration['id']}/join-links", headers=headers)
    assert links.status_code == 200, links.text
    return links.json()[0]["url"].rsplit("/join/", 1)[1]


async def test_each_person_joins_through_their_own_link_and_gets_the_link_of_their_mode(
    client: AsyncClient, bodies: dict[str, str], registry: None, make_account_headers: Any
) -> None:
    world = await build_world(client, bodies, {"Austria": ["online_speaking", "online_listening"]})
    speaker, listener = world.registrations["Austria"]
    focal = await make_account_headers(
        "focal@austria.test", Role.FOCAL_POINT, await entity_id("Austria")
    )
    links = (
        await client.get(f"/api/registrations/{listener['id']}/join-links", headers=focal)
    ).json()
    assert [(link["sitting_id"], link["mode"]) for link in links] == [
        (world.sitting_id, "listening")
    ]
    assert links[0]["url"].startswith("http://convene.test/join/")

    speaking = await client.post(f"/api/join/{await _token(client, world, speaker, bodies)}")
    assert speaking.status_code == 200, speaking.text
    assert speaking.json() | {"heartbeat_seconds": 30} == {
        "sitting_id": world.sitting_id,
        "registration_id": speaker["id"],
        "mode": "speaking",
        "online": True,
        "heartbeat_seconds": 30,
        "platform_link": "https://meet.example.org/irg-speakers",
    }
    listener_token = await _token(client, world, listener, bodies)
    not_yet = await client.post(f"/api/join/{listener_token}")
    assert not_yet.status_code == 409 and "listening link" in not_yet.json()["detail"]
    await client.patch(
        f"/api/sessions/{world.session_id}/hybrid-setup",
        json={"listening_link": "https://webcast.example.org/irg"},
        headers=bodies,
    )
    listening = (await client.post(f"/api/join/{listener_token}")).json()
    assert (listening["mode"], listening["platform_link"]) == (
        "listening",
        "https://webcast.example.org/irg",
    )

    beat = await client.post(f"/api/join/{listener_token}/heartbeat")
    assert beat.status_code == 200 and beat.json()["platform_link"] == ""
    assert await OnlineVisit.count() == 2  # a join and a heartbeat of an open visit: one visit each


async def test_a_link_that_was_not_issued_or_whose_registration_is_cancelled_does_not_work(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(client, bodies, {"Austria": ["online_speaking"]})
    speaker = world.registrations["Austria"][0]
    token = await _token(client, world, speaker, bodies)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert (await client.post(f"/api/join/{forged}")).status_code == 404
    assert (await client.post(f"/api/join/{speaker['id']}.{world.sitting_id}")).status_code == 404
    cancelled = await client.post(
        f"/api/registrations/{speaker['id']}/cancellation", headers=bodies
    )
    assert cancelled.status_code == 200, cancelled.text
    refused = await client.post(f"/api/join/{token}")
    assert refused.status_code == 403 and refused.json()["errors"][0]["field"] == "token"


async def test_the_calendar_never_gives_a_listener_the_speaking_link(
    client: AsyncClient, bodies: dict[str, str], registry: None, make_account_headers: Any
) -> None:
    world = await build_world(client, bodies, {"Austria": ["online_speaking", "online_listening"]})
    feeds = {}
    for registration in world.registrations["Austria"]:
        person = await make_account_headers(
            registration["email"], Role.DELEGATE, await entity_id("Austria")
        )
        link = (await client.get("/api/me/calendar-feed", headers=person)).json()["url"]
        feed = await client.get(link.removeprefix("http://convene.test"))
        assert feed.status_code == 200, feed.text
        feeds[registration["mode"]] = feed.text.replace("\r\n ", "")  # unfolded lines
    assert "irg-speakers" in feeds["online_speaking"]
    assert "irg-speakers" not in feeds["online_listening"]
    assert "Follow the webcast through your own join link" in feeds["online_listening"]
