"""The secretariat's screens hear each registration change and arrival, and nothing else."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from convene.accounts.roles import Role
from convene.db import locked_transaction
from convene.delegations import events
from convene.events.bus import EventBus, publish, using_bus
from convene.live import services
from convene.live.channels import live_channels
from convene.live.subscribers import subscribe_live
from convene.settings import Settings
from httpx import AsyncClient
from litestar import Litestar

from tests.delegations.conftest import entity_id, person
from tests.live.conftest import Scene, listening, open_scene

pytestmark = pytest.mark.timeout(60)


def changed(registration: dict[str, Any], status: str, change: str) -> dict[str, Any]:
    return {
        "kind": "registration",
        "registration_id": registration["id"],
        "status": status,
        "change": change,
    }


async def _post(scene: Scene, path: str, headers: dict[str, str], **json: Any) -> httpx.Response:
    async with httpx.AsyncClient(base_url=scene.base_url, timeout=30) as http:
        return await http.post(path, json=json, headers=headers)


async def _register(scene: Scene, austria: dict[str, str], **fields: Any) -> dict[str, Any]:
    path = f"/api/delegations/{scene.delegation_id}/registrations"
    response = await _post(scene, path, austria, **person(**fields))
    assert response.status_code == 201, response.text
    return response.json()


async def test_the_desk_hears_a_registration_its_approval_and_the_arrival(
    served: str, secretariat: dict[str, str], austria: dict[str, str]
) -> None:
    scene = await open_scene(served, secretariat, austria)
    async with listening(scene, secretariat) as stream:
        registration = await _register(scene, austria)
        assert await stream.next() == changed(registration, "submitted", "submitted")

        approval = f"/api/registrations/{registration['id']}/approval"
        assert (await _post(scene, approval, secretariat)).status_code == 200
        assert await stream.next() == changed(registration, "approved", "approved")

        check_in = f"/api/sessions/{scene.session_id}/check-ins"
        arrival = await _post(scene, check_in, secretariat, registration_id=registration["id"])
        assert arrival.status_code == 200, arrival.text
        assert await stream.next() == {
            "kind": "check_in",
            "registration_id": registration["id"],
            "sitting_id": None,
        }


async def test_a_cancellation_and_the_promotion_it_allows_are_both_heard(
    served: str, secretariat: dict[str, str], austria: dict[str, str]
) -> None:
    scene = await open_scene(served, secretariat, austria)
    first, _, waiting = [await _register(scene, austria) for _ in range(3)]
    assert waiting["status"] == "waitlisted"
    async with listening(scene, secretariat) as stream:
        cancelled = await _post(scene, f"/api/registrations/{first['id']}/cancellation", austria)
        assert cancelled.status_code == 200, cancelled.text
        assert await stream.next() == changed(first, "cancelled", "cancelled")
        assert await stream.next() == changed(waiting, "submitted", "promoted")


async def test_a_refused_change_is_not_heard(
    served: str, secretariat: dict[str, str], austria: dict[str, str]
) -> None:
    scene = await open_scene(served, secretariat, austria)
    first, _, waiting = [await _register(scene, austria) for _ in range(3)]
    async with listening(scene, secretariat) as stream:
        refused = await _post(scene, f"/api/registrations/{waiting['id']}/approval", secretariat)
        assert refused.status_code == 409, refused.text
        path = f"/api/delegations/{scene.delegation_id}/registrations"
        twice = await _post(scene, path, austria, **person(email=first["email"]))
        assert twice.status_code == 409, twice.text
        # The next change is the first thing the stream hears.
        approved = await _post(scene, f"/api/registrations/{first['id']}/approval", secretariat)
        assert approved.status_code == 200, approved.text
        assert await stream.next() == changed(first, "approved", "approved")


async def test_a_change_that_rolls_back_is_never_announced(
    app: Litestar, settings: Settings
) -> None:
    rolled_back = events.RegistrationChanged(
        actor=None,
        action="registration.approved",
        change="approved",
        object_id=1,
        after={"status": "approved", "session": 7},
        session_id=7,
    )
    committed = events.CheckedIn(
        actor=None, action="registration.checked_in", object_id=2, session_id=7, sitting_id=None
    )
    bus = EventBus()
    async with (
        live_channels(settings) as channels,
        channels.start_subscription(channels.session_channel(7)) as subscriber,
    ):
        subscribe_live(bus, channels)
        with using_bus(bus):
            with pytest.raises(RuntimeError):
                async with locked_transaction("test"):
                    await publish(rolled_back)
                    raise RuntimeError("the transaction failed")
            async with locked_transaction("test"):
                await publish(committed)
        heard = await anext(subscriber.iter_events())
    assert heard == b'{"kind":"check_in","registration_id":2,"sitting_id":null}'


async def test_only_the_secretariat_may_listen(
    client: AsyncClient,
    make_account_headers: Any,
    session: dict[str, Any],
    secretariat: dict[str, str],
    austria: dict[str, str],
) -> None:
    delegate = await make_account_headers(
        "delegate@austria.test", Role.DELEGATE, await entity_id("Austria")
    )
    path = f"/api/sessions/{session['id']}/events"
    statuses = [
        (await client.get(path, headers=headers, params={"timeout": 0.1})).status_code
        for headers in (austria, delegate, {})
    ]
    assert statuses == [403, 403, 401]
    unknown = await client.get("/api/sessions/999999/events", headers=secretariat)
    assert unknown.status_code == 404
    brief = await client.get(path, headers=secretariat, params={"timeout": 0.1})
    assert brief.status_code == 200
    assert brief.text.startswith('data: {"kind":"ready"}')


async def test_a_quiet_stream_keeps_alive_and_closes_at_its_timeout(
    client: AsyncClient,
    session: dict[str, Any],
    secretariat: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(services, "KEEP_ALIVE_SECONDS", 0.2)
    path = f"/api/sessions/{session['id']}/events"
    quiet = await client.get(path, headers=secretariat, params={"timeout": 1})
    lines = [line for line in quiet.text.splitlines() if line]
    assert lines[0] == 'data: {"kind":"ready"}'
    assert set(lines[1:]) == {": keep-alive"} and len(lines) >= 3


@pytest.mark.parametrize("timeout", ["0", "301", "soon"])
async def test_a_bad_timeout_is_refused_naming_it(
    client: AsyncClient, secretariat: dict[str, str], timeout: str
) -> None:
    response = await client.get(
        "/api/sessions/1/events", headers=secretariat, params={"timeout": timeout}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "timeout"
