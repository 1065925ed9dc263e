"""Calendars: sessions and sittings made through the API, registrations as rows, two parsers.

Every calendar the app writes is read back by ``icalendar`` (which wrote it)
and by ``vobject`` (which did not), and the tests compare what both read.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import icalendar
import pytest
import vobject
from httpx import AsyncClient
from vobject.icalendar import TimezoneComponent

from convene.accounts.roles import Role
from convene.calendar.tables import CalendarInstallation
from convene.delegations.tables import Delegation, Registration
from convene.entities.tables import Entity
from convene.mail.services import deliver_pending
from convene.mail.tables import OutboxMessage
from tests.accounts.conftest import SmtpServer, free_port
from tests.meetings.conftest import bodies, create_session  # noqa: F401 (fixtures, used by name)

HOST = "convene.test"
"""The test app's BASE_URL host, which its database keeps as its UID name (as a migrated one does)."""
DELEGATE_EMAIL = "anna.huber@austria.example"


@pytest.fixture(autouse=True)
async def installation_named_as_before(app: Any) -> None:
    """The database's calendars were first served from http://convene.test, before UIDs got their
    own name: the migration kept that host as the name (tests/calendar/test_installation.py
    shows a new database drawing its own)."""
    await CalendarInstallation.insert(CalendarInstallation(uid_domain=HOST))


# -- building the world ----------------------------------------------------------


async def add_sitting(
    client: AsyncClient, headers: dict[str, str], session_id: int, **fields: Any
) -> dict[str, Any]:
    response = await client.post(
        f"/api/sessions/{session_id}/sittings", json=fields, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def sitting_in_board_room_d(
    client: AsyncClient,
    headers: dict[str, str],
    session_id: int,
    day: str,
    starts: str,
    ends: str,
) -> dict[str, Any]:
    """A sitting on ``day`` from ``starts`` to ``ends`` (venue time), in Board Room D."""
    return await add_sitting(
        client,
        headers,
        session_id,
        starts_at=f"{day}T{starts}",
        ends_at=f"{day}T{ends}",
        room="Board Room D",
    )


async def add_item(
    client: AsyncClient,
    headers: dict[str, str],
    session_id: int,
    title: str,
    parent_id: int | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"title": title} | ({"parent_id": parent_id} if parent_id else {})
    response = await client.post(
        f"/api/sessions/{session_id}/agenda/items", json=body, headers=headers
    )
    assert response.status_code == 201, response.text
    items = [item for top in response.json()["items"] for item in (top, *top["sub_items"])]
    return [item for item in items if item["title"] == title][-1]  # the answer is the whole agenda


async def change_sitting(
    client: AsyncClient, headers: dict[str, str], sitting_id: int, **fields: Any
) -> dict[str, Any]:
    response = await client.patch(f"/api/sittings/{sitting_id}", json=fields, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def cancel_sitting(
    client: AsyncClient, headers: dict[str, str], sitting_id: int
) -> dict[str, Any]:
    response = await client.post(f"/api/sittings/{sitting_id}/cancellation", headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def register(
    session_id: int,
    email: str = DELEGATE_EMAIL,
    mode: str = "in_person",
    status: str = "approved",
    *,
    honorific: str = "Ms.",
    given_name: str = "Anna",
    family_name: str = "Huber",
) -> int:
    """A registration row, as the delegation services will leave it."""
    entity = await Entity.objects().get(Entity.short_name == "Austria")
    if entity is None:
        entity = Entity(
            short_name="Austria", name="Republic of Austria", category="state_party", iso_code="AUT"
        )
        await entity.save()
    delegation = await Delegation.objects().get(
        (Delegation.session == session_id) & (Delegation.entity == entity.id)
    )
    if delegation is None:
        delegation = Delegation(session=session_id, entity=entity.id)
        await delegation.save()
    registration = Registration(
        delegation=delegation.id,
        session=session_id,
        honorific=honorific,
        given_name=given_name,
        family_name=family_name,
        email=email,
        mode=mode,
        status=status,
        badge_code=secrets.token_hex(5).upper(),
    )
    await registration.save()
    return registration.id


@pytest.fixture
async def delegate(make_account_headers: Any) -> dict[str, str]:
    """Headers of the delegate Anna Huber, whose registrations use DELEGATE_EMAIL."""
    return await make_account_headers(DELEGATE_EMAIL, Role.DELEGATE)


@pytest.fixture
def vienna_autumn(create_session: Any) -> Any:  # noqa: F811 (the fixture imported above)
    """A session in Vienna across the end of summer time (25 October 2020)."""

    async def create(**overrides: Any) -> dict[str, Any]:
        return await create_session(
            **({"start_date": "2020-10-23", "end_date": "2020-10-27"} | overrides)
        )

    return create


def new_york(**overrides: Any) -> dict[str, Any]:
    """Fields of an online session held from New York."""
    return {
        "parts": [{"body": "WGP", "kind": "regular", "number": 12}],
        "start_date": "2020-11-02",
        "end_date": "2020-11-04",
        "timezone": "America/New_York",
        "venue_name": "United Nations Headquarters",
        "city": "New York",
        "format": "hybrid",
        "platform_name": "Interprefy",
        "join_link": "https://join.example/session-12",
        "symbol_prefix": "CAC/COSP/WG.4/2020",
        "status": "scheduled",
    } | overrides


# -- reading calendars back ---------------------------------------------------------


@dataclass
class Read:
    """One calendar as both parsers read it."""

    raw: bytes
    ours: icalendar.Calendar
    theirs: Any  # vobject's VCALENDAR component

    def events(self) -> list[icalendar.Event]:
        return list(self.ours.walk("VEVENT"))

    def their_events(self) -> dict[str, Any]:
        return {str(event.uid.value): event for event in getattr(self.theirs, "vevent_list", [])}

    def event(self, uid: str) -> icalendar.Event:
        [found] = [event for event in self.events() if str(event["UID"]) == uid]
        return found


def read(raw: bytes) -> Read:
    """Parse with both libraries; each must accept the bytes as they are."""
    return Read(
        raw=raw, ours=icalendar.Calendar.from_ical(raw), theirs=vobject.readOne(raw.decode("utf-8"))
    )


def utc(moment: datetime | date) -> datetime | date:
    return moment.astimezone(UTC) if isinstance(moment, datetime) else moment


def assert_times(
    calendar: Read, uid: str, start_utc: datetime, end_utc: datetime, zone: str
) -> None:
    """Both parsers read the same instants, in the venue's zone, for event ``uid``."""
    ours = calendar.event(uid)
    assert ours["DTSTART"].params["TZID"] == zone
    assert ours["DTEND"].params["TZID"] == zone
    assert (utc(ours.start), utc(ours.end)) == (start_utc, end_utc)
    assert str(ours.start.tzinfo) == zone
    theirs = calendar.their_events()[uid]
    # vobject builds the zone from the calendar's own VTIMEZONE, not from a database of zones.
    assert {TimezoneComponent.pickTzid(p.value.tzinfo) for p in (theirs.dtstart, theirs.dtend)} == {
        zone
    }
    assert (utc(theirs.dtstart.value), utc(theirs.dtend.value)) == (start_utc, end_utc)


def as_text(value: Any) -> str:
    """icalendar reads NAME and the X-WR- names as unknown values, still escaped: read them as
    the TEXT RFC 7986 says they are (RFC 5545 §3.3.11's four escapes)."""
    escaped = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}
    return re.sub(r"\\([\\;,nN])", lambda found: escaped[found[1]], value.to_ical().decode())



def uid_of(kind: str, object_id: int) -> str:
    return f"{kind}-{object_id}@{HOST}"


# -- the outbox -----------------------------------------------------------------------


async def outbox() -> list[dict[str, Any]]:
    return await OutboxMessage.select().order_by(OutboxMessage.id)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port())
    server.start()
    yield server
    server.stop()


async def delivered(smtp: SmtpServer) -> list[EmailMessage]:
    """Send what the outbox holds to the local SMTP server; the messages as received."""
    await deliver_pending(smtp.settings)
    return [message_from_bytes(e.content, policy=policy.default) for e in smtp.inbox.envelopes]  # type: ignore[misc]


def calendar_parts(message: EmailMessage) -> list[EmailMessage]:
    return [part for part in message.walk() if part.get_content_type() == "text/calendar"]  # type: ignore[misc]


def calendar_forms(message: dict[str, Any]) -> list[bytes]:
    """The calendar an outbox message carries as the text/calendar form of its text."""
    items = message["attachments"]
    items = json.loads(items) if isinstance(items, str) else items
    return [
        base64.b64decode(item["content_b64"])
        for item in items
        if item.get("disposition") == "alternative"
    ]
