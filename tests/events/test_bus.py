"""Side effects follow the domain's events: inside the change's transaction, or after it commits.

Through the real HTTP app: a change whose transaction fails leaves no e-mail,
no audit entry and no live update behind; a subscriber added to the app's bus
hears a change made over HTTP without the service that publishes it changing.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from litestar.testing import AsyncTestClient

from convene.audit.tables import AuditEntry
from convene.db import OutsideTransaction, current_engine
from convene.delegations.events import RegistrationChanged
from convene.events.bus import publish
from convene.mail.tables import OutboxMessage
from convene.sittings.events import SittingChanged, SittingRevised
from tests.calendar.conftest import sitting_in_board_room_d
from tests.delegations.conftest import person
from tests.live.conftest import Scene, listening, open_scene

pytestmark = pytest.mark.timeout(90)


class DeskOffline(Exception):
    """A later step of the change fails, inside its transaction."""


async def _call(
    scene: Scene, method: str, path: str, headers: dict[str, str], **json: Any
) -> httpx.Response:
    async with httpx.AsyncClient(base_url=scene.base_url, timeout=30) as http:
        return await http.request(method, path, json=json or None, headers=headers)


async def _total(scene: Scene, path: str, secretariat: dict[str, str], **params: Any) -> int:
    async with httpx.AsyncClient(base_url=scene.base_url, timeout=30) as http:
        answer = await http.get(path, params=params, headers=secretariat)
    assert answer.status_code == 200, answer.text
    return answer.json()["total"]


async def test_an_approval_that_fails_in_its_transaction_sends_nothing_logs_nothing_tells_nobody(
    served: str, app: Any, secretariat: dict[str, str], austria: dict[str, str]
) -> None:
    scene = await open_scene(served, secretariat, austria)
    sitting = {"starts_at": "2099-08-31T10:00", "ends_at": "2099-08-31T13:00", "room": "Room B"}
    added = await _call(
        scene, "POST", f"/api/sessions/{scene.session_id}/sittings", secretariat, **sitting
    )
    assert added.status_code == 201, added.text
    submitted = await _call(
        scene, "POST", f"/api/delegations/{scene.delegation_id}/registrations", austria, **person()
    )
    assert submitted.status_code == 201, submitted.text
    registration = submitted.json()["id"]
    mail_before = await _total(scene, "/api/outbox", secretariat)

    written_when_it_failed: list[tuple[int, int]] = []

    async def fail_the_first_approval(event: RegistrationChanged) -> None:
        if event.change == "approved" and not written_when_it_failed:
            entries = AuditEntry.count().where(AuditEntry.action == "registration.approved")
            written_when_it_failed.append((await OutboxMessage.count(), await entries))
            raise DeskOffline("the last step of the approval failed")

    # Subscribed last: the notice and the invitation are written by then.
    app.runtime.bus.subscribe(RegistrationChanged, fail_the_first_approval)
    approval = f"/api/registrations/{registration}/approval"
    async with listening(scene, secretariat) as stream:
        failed = await _call(scene, "POST", approval, secretariat)
        assert failed.status_code == 500
        # The notice and the invitation were written; the audit entry waits for the commit.
        assert written_when_it_failed == [(mail_before + 2, 0)]

        shown = await _call(scene, "GET", f"/api/registrations/{registration}", secretariat)
        assert shown.json()["status"] == "submitted"
        assert await _total(scene, "/api/outbox", secretariat) == mail_before
        assert await _total(scene, "/api/audit", secretariat, action="registration.approved") == 0

        approved = await _call(scene, "POST", approval, secretariat)
        assert approved.status_code == 200, approved.text
        # The first thing the stream hears is the approval that committed.
        assert await stream.next() == {
            "kind": "registration",
            "registration_id": registration,
            "status": "approved",
            "change": "approved",
        }
    assert await _total(scene, "/api/outbox", secretariat) == mail_before + 2  # notice, invitation
    assert await _total(scene, "/api/audit", secretariat, action="registration.approved") == 1


async def test_a_new_subscriber_hears_a_change_made_over_http(
    client: AsyncTestClient, app: Any, create_session: Any, bodies: dict[str, str]
) -> None:
    inside: list[tuple[str, str, bool]] = []
    committed: list[tuple[str, int]] = []

    async def during(event: SittingChanged) -> None:
        in_transaction = current_engine().current_transaction.get() is not None
        inside.append((event.action, event.after["room"], in_transaction))

    async def afterwards(event: SittingChanged) -> None:
        committed.append((event.action, event.after["sequence"]))

    app.runtime.bus.subscribe(SittingChanged, during)
    app.runtime.bus.subscribe_after_commit(SittingChanged, afterwards)
    session = await create_session()
    sitting = await sitting_in_board_room_d(
        client, bodies, session["id"], "2020-08-31", "10:00", "13:00"
    )
    moved = await client.patch(
        f"/api/sittings/{sitting['id']}", json={"room": "Plenary Hall M"}, headers=bodies
    )
    assert moved.status_code == 200, moved.text
    clash = await client.post(
        f"/api/sessions/{session['id']}/sittings",
        json={
            "starts_at": "2020-08-31T11:00",
            "ends_at": "2020-08-31T12:00",
            "room": "Plenary Hall M",
        },
        headers=bodies,
    )
    assert clash.status_code == 409  # refused: nothing happened, nobody hears

    assert inside == [
        ("sitting.created", "Board Room D", True),
        ("sitting.changed", "Plenary Hall M", True),
    ]
    assert committed == [("sitting.created", 0), ("sitting.changed", 1)]


async def test_publishing_outside_a_transaction_is_refused(app: Any) -> None:
    heard: list[object] = []

    async def hear(event: SittingRevised) -> None:
        heard.append(event)

    app.runtime.bus.subscribe(SittingRevised, hear)
    with app.runtime.active(), pytest.raises(OutsideTransaction):
        await publish(SittingRevised(sitting_id=1, session_id=1))
    assert heard == []
