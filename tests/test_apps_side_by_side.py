"""Two apps with different settings in one process: each keeps its own database and calendars.

Each app owns its engine, its event bus and its calendar identity; the tests
(and the CLI) build apps side by side, so nothing may leak from one to the
other through module state. The Vienna app runs on the test's database, the
Geneva app on a SQLite file of its own, with another BASE_URL; their
requests alternate.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient

from convene.accounts.roles import Role
from convene.app import ConveneApp, create_app
from convene.calendar.installation import uid_domain
from convene.entities.tables import Entity
from convene.mail.tables import OutboxMessage
from convene.settings import Settings
from tests.conftest import run_convene
from tests.delegations.conftest import person, registry  # noqa: F401 (a fixture, used by name)
from tests.meetings.conftest import BODIES, session_fields


@dataclass
class Side:
    """One app, its client, its secretariat, and what was made in it."""

    host: str
    session_number: int
    client: AsyncTestClient
    headers: dict[str, str]
    made: dict[str, int]


async def _officer(app: ConveneApp, make_account_headers: Any, email: str) -> dict[str, str]:
    with app.runtime.active():  # this app's database, whichever app was built last
        return await make_account_headers(email, Role.SECRETARIAT)


async def _uid_name(app: ConveneApp) -> str:
    with app.runtime.active():
        return await uid_domain()


async def _austria(app: ConveneApp) -> int:
    with app.runtime.active():
        row = await Entity.select(Entity.id).where(Entity.short_name == "Austria").first()
    return row["id"]


async def _post(side: Side, path: str, **body: Any) -> dict[str, Any]:
    answer = await side.client.post(path, json=body or None, headers=side.headers)
    assert answer.status_code in {200, 201}, answer.text
    return answer.json()


def _steps(austria: Callable[[Side], Awaitable[int]]) -> list[Callable[[Side], Awaitable[None]]]:
    """A body, a session, a sitting, a delegation, a registration, its approval."""

    async def body(side: Side) -> None:
        name, short_name, prefix = BODIES["IRG"]
        await _post(
            side, "/api/bodies", code="IRG", name=name, short_name=short_name, symbol_prefix=prefix
        )

    async def session(side: Side) -> None:
        fields = session_fields(
            parts=[{"body": "IRG", "number": side.session_number}],
            start_date="2099-08-31",
            end_date="2099-09-02",
        )
        side.made["session"] = (await _post(side, "/api/sessions", **fields))["id"]

    async def sitting(side: Side) -> None:
        path = f"/api/sessions/{side.made['session']}/sittings"
        times = {"starts_at": "2099-08-31T10:00", "ends_at": "2099-08-31T13:00"}
        side.made["sitting"] = (await _post(side, path, room="Board Room D", **times))["id"]

    async def delegation(side: Side) -> None:
        path = f"/api/sessions/{side.made['session']}/delegations"
        side.made["delegation"] = (await _post(side, path, entity_id=await austria(side)))["id"]

    async def registration(side: Side) -> None:
        path = f"/api/delegations/{side.made['delegation']}/registrations"
        side.made["registration"] = (await _post(side, path, **person()))["id"]

    async def approval(side: Side) -> None:
        await _post(side, f"/api/registrations/{side.made['registration']}/approval")

    return [body, session, sitting, delegation, registration, approval]


async def _invitation_calendar(app: ConveneApp) -> str:
    """The calendar attached to the invitation waiting in this app's outbox."""
    with app.runtime.active():
        messages = await OutboxMessage.select(OutboxMessage.attachments)
    [attachments] = [row["attachments"] for row in messages if row["attachments"] not in ("[]", [])]
    items = json.loads(attachments) if isinstance(attachments, str) else attachments
    return base64.b64decode(items[0]["content_b64"]).decode()


async def test_two_apps_see_their_own_data_and_sign_their_own_calendars(
    app: ConveneApp,
    client: AsyncTestClient,
    settings: Settings,
    secretariat: dict[str, str],
    make_account_headers: Any,
    registry: None,  # noqa: F811
    tmp_path: Path,
) -> None:
    geneva_url = f"sqlite:///{tmp_path / 'geneva.sqlite3'}"
    migrated = run_convene("migrate", database_url=geneva_url, var_dir=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    geneva_app = create_app(
        replace(
            settings,
            database_url=geneva_url,
            base_url="http://geneva.convene.test",
            var_dir=tmp_path,
        )
    )
    apps = {"convene.test": app, "geneva.convene.test": geneva_app}

    async def austria(side: Side) -> int:
        return await _austria(apps[side.host])

    geneva_officer = await _officer(geneva_app, make_account_headers, "officer@unog.test")
    async with AsyncTestClient(
        app=geneva_app, base_url="http://geneva.convene.test"
    ) as geneva_client:
        vienna = Side("convene.test", 40, client, secretariat, {})
        geneva = Side("geneva.convene.test", 41, geneva_client, geneva_officer, {})
        for step in _steps(austria):
            await step(vienna)
            await step(geneva)

        for side, other in ((vienna, geneva), (geneva, vienna)):
            sessions = (await side.client.get("/api/sessions", headers=side.headers)).json()[
                "items"
            ]
            titles = [session["title"] for session in sessions]
            number = "Fortieth" if side is vienna else "Forty-first"
            assert len(titles) == 1 and titles[0].startswith(number), titles

            feed = await side.client.get(f"/calendar/sessions/{side.made['session']}/sittings.ics")
            # UIDs carry each database's own name (drawn once), never the host of BASE_URL.
            names = {name: await _uid_name(apps[name]) for name in (side.host, other.host)}
            assert names[side.host] != names[other.host]
            sitting_uid = f"UID:sitting-{side.made['sitting']}@{names[side.host]}"
            assert sitting_uid in feed.text and f"@{names[other.host]}" not in feed.text

            invitation = await _invitation_calendar(apps[side.host])
            assert sitting_uid in invitation and f"@{names[other.host]}" not in invitation
            assert f"http://{side.host}/sessions/{side.made['session']}" in invitation.replace(
                "\r\n ", ""
            )
