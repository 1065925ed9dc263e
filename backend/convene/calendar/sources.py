"""What calendars are made of, read from the database into plain values.

Feeds and invitations build iCalendar from these frozen values (in a worker
thread, for big feeds), so the building never touches the database and the
reading is a fixed handful of queries whatever the number of sittings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from convene.agenda.numbering import item_number
from convene.agenda.tables import AgendaItem
from convene.delegations.tables import Registration
from convene.delegations.vocabulary import RegistrationStatus
from convene.meetings.services import session_views
from convene.meetings.tables import Body, Session, SessionPart
from convene.meetings.vocabulary import PUBLIC_STATUSES
from convene.multilingual import in_language, stored_texts
from convene.sittings.tables import Sitting, SittingItem

APPROVED = RegistrationStatus.APPROVED.value


@dataclass(frozen=True)
class SessionInfo:
    id: int
    title: str
    start_date: date
    end_date: date
    timezone: str
    venue_name: str
    city: str
    format: str
    status: str
    platform_name: str
    join_link: str
    sequence: int
    """Raised with every change a session's all-day event shows (iCalendar SEQUENCE)."""
    updated_at: datetime


@dataclass(frozen=True)
class AgendaLine:
    number: str
    title: str


@dataclass(frozen=True)
class SittingInfo:
    id: int
    session_id: int
    title: str
    starts_at: datetime
    """In UTC."""
    ends_at: datetime
    room: str
    online_link: str
    status: str
    sequence: int
    updated_at: datetime
    agenda: tuple[AgendaLine, ...]


@dataclass(frozen=True)
class Person:
    """The delegate a personal feed or an invitation is for, as registered."""

    registration_id: int
    session_id: int
    name: str
    email: str
    mode: str
    status: str
    updated_at: datetime


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


# Sessions --------------------------------------------------------------------


async def sessions_by_id(session_ids: Iterable[int]) -> dict[int, SessionInfo]:
    ids = sorted(set(session_ids))
    if not ids:
        return {}
    rows = await Session.select().where(Session.id.is_in(ids))
    return {info.id: info for info in await _session_infos(rows)}


async def published_sessions(body_code: str | None = None) -> list[SessionInfo]:
    """Every session that is not a draft (of one body, if given), in date order."""
    query = Session.select().where(Session.status.is_in(PUBLIC_STATUSES))
    if body_code is not None:
        of_body = SessionPart.select(SessionPart.session).where(SessionPart.body.code == body_code)
        query = query.where(Session.id.is_in(of_body))
    rows = await query.order_by(Session.start_date).order_by(Session.id)
    return await _session_infos(rows)


async def body_name(code: str) -> str | None:
    """The body's name in the current language (English where it has no translation)."""
    row = await Body.select().where(Body.code == code).first()
    return in_language(stored_texts(row, "name")) if row else None


async def _session_infos(rows: list[dict[str, Any]]) -> list[SessionInfo]:
    views = await session_views(rows, include_private=True)
    return [
        SessionInfo(
            id=row["id"],
            title=view.title,
            start_date=row["start_date"],
            end_date=row["end_date"],
            timezone=row["timezone"],
            venue_name=row["venue_name"],
            city=row["city"],
            format=row["format"],
            status=row["status"],
            platform_name=row["platform_name"],
            join_link=row["join_link"],
            sequence=row["sequence"],
            updated_at=utc(row["updated_at"]),
        )
        for row, view in zip(rows, views, strict=True)
    ]


# Sittings --------------------------------------------------------------------


async def sittings_of(session_ids: Iterable[int]) -> list[SittingInfo]:
    """The sittings of these sessions, cancelled ones included, in time order."""
    ids = sorted(set(session_ids))
    if not ids:
        return []
    rows = (
        await Sitting.select()
        .where(Sitting.session.is_in(ids))
        .order_by(Sitting.starts_at)
        .order_by(Sitting.id)
    )
    agenda = await _agenda_by_sitting(ids)
    return [_sitting_info(row, agenda.get(row["id"], ())) for row in rows]


async def sitting(sitting_id: int) -> SittingInfo | None:
    row = await Sitting.select().where(Sitting.id == sitting_id).first()
    if row is None:
        return None
    agenda = await _agenda_by_sitting([row["session"]])
    return _sitting_info(row, agenda.get(row["id"], ()))


def _sitting_info(row: dict[str, Any], agenda: tuple[AgendaLine, ...]) -> SittingInfo:
    return SittingInfo(
        id=row["id"],
        session_id=row["session"],
        title=row["title"],
        starts_at=utc(row["starts_at"]),
        ends_at=utc(row["ends_at"]),
        room=row["room"],
        online_link=row["online_link"],
        status=row["status"],
        sequence=row["sequence"],
        updated_at=utc(row["updated_at"]),
        agenda=agenda,
    )


async def _agenda_by_sitting(session_ids: list[int]) -> dict[int, tuple[AgendaLine, ...]]:
    """Each sitting's agenda items, numbered as the agenda numbers them ("4 (a)")."""
    items = await AgendaItem.select().where(AgendaItem.session.is_in(session_ids))
    top = {row["id"]: row["position"] for row in items if row["parent"] is None}
    lines = {
        row["id"]: AgendaLine(
            item_number(top[row["parent"]], row["position"])
            if row["parent"]
            else item_number(row["position"]),
            in_language(stored_texts(row, "title")),
        )
        for row in items
    }
    taken = (
        await SittingItem.select(SittingItem.sitting, SittingItem.agenda_item)
        .where(SittingItem.sitting.session.is_in(session_ids))
        .order_by(SittingItem.position)
    )
    by_sitting: dict[int, list[AgendaLine]] = defaultdict(list)
    for row in taken:
        by_sitting[row["sitting"]].append(lines[row["agenda_item"]])
    return {sitting_id: tuple(found) for sitting_id, found in by_sitting.items()}


# Registrations ---------------------------------------------------------------


async def approved_registrations_of(email: str) -> list[Person]:
    """The approved registrations made with this address, in any session."""
    rows = await Registration.select().where(
        (Registration.email == email) & (Registration.status == APPROVED)
    )
    return [person_of(row) for row in rows]


async def approved_registrations_in(session_id: int) -> list[Person]:
    rows = (
        await Registration.select()
        .where((Registration.session == session_id) & (Registration.status == APPROVED))
        .order_by(Registration.id)
    )
    return [person_of(row) for row in rows]


def person_of(row: Mapping[str, Any]) -> Person:
    """The person a registration's row (as read, or as a change carries it) is for."""
    name = " ".join(
        part for part in (row["honorific"], row["given_name"], row["family_name"]) if part
    )
    return Person(
        registration_id=row["id"],
        session_id=row["session"],
        name=name,
        email=row["email"],
        mode=row["mode"],
        status=row["status"],
        updated_at=utc(row["updated_at"]),
    )
