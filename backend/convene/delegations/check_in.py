# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity.short_name, as "Column | Any".)
"""Check-in at the venue: find an approved in-person delegate by name or badge code, mark arrival.

An arrival is one insert and its audit entry, in one transaction under the
registration's lock (two desks checking the same person in at once record one
arrival); the session's live streams hear of it once it has committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from piccolo.custom_types import Combinable

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.delegations.events import CheckedIn
from convene.delegations.schemas import AttendeeOut, CheckInIn
from convene.delegations.tables import CheckIn, Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.timezones import as_utc
from convene.sittings.tables import Sitting
from convene.statements import insert_rows, is_among
from convene.translation import gettext

EARLY_ARRIVAL = timedelta(minutes=60)
"""Arrivals this long before a sitting starts count for that sitting."""


def _expected() -> Any:
    return (Registration.status == RegistrationStatus.APPROVED.value) & (
        Registration.mode == AttendanceMode.IN_PERSON.value
    )


async def find_attendees(session_id: int, query: str, *, limit: int = 50) -> list[AttendeeOut]:
    """Approved in-person delegates whose name or badge code matches ``query``."""
    text = query.strip()
    matches: Combinable = Registration.badge_code == text.upper()
    for word in text.split():
        matches = (
            matches
            | Registration.given_name.ilike(f"%{word}%")
            | Registration.family_name.ilike(f"%{word}%")
        )
    rows = (
        await Registration.select(
            Registration.id,
            Registration.honorific,
            Registration.given_name,
            Registration.family_name,
            Registration.badge_code,
            Registration.delegation.entity.short_name.as_alias("entity"),
        )
        .where((Registration.session == session_id) & _expected() & matches)
        .order_by(Registration.family_name)
        .limit(limit)
    )
    arrivals = await _first_arrivals([row["id"] for row in rows])
    return [
        AttendeeOut(
            registration_id=row["id"],
            name=" ".join(
                p for p in (row["honorific"], row["given_name"], row["family_name"].upper()) if p
            ),
            entity=row["entity"],
            badge_code=row["badge_code"],
            arrived=row["id"] in arrivals,
            arrived_at=arrivals.get(row["id"]),
        )
        for row in rows
    ]


async def _first_arrivals(registration_ids: list[int]) -> dict[int, datetime]:
    if not registration_ids:
        return {}
    rows = await CheckIn.select(CheckIn.registration, CheckIn.at).where(
        is_among(CheckIn.registration, registration_ids)
    )
    first: dict[int, datetime] = {}
    for row in rows:
        if row["registration"] not in first or row["at"] < first[row["registration"]]:
            first[row["registration"]] = row["at"]
    return first


async def check_in(actor: Actor, session_id: int, data: CheckInIn) -> AttendeeOut:
    """Mark arrival; at a sitting under way (or about to start) the arrival counts for it.

    A person already arrived is answered as such (``already_checked_in``, with the time of
    their first arrival), so the desk can say so rather than welcome them twice."""
    registration = await _registration(session_id, data)
    sitting_id = data.sitting_id or await _current_sitting(session_id)
    if data.sitting_id and not await Sitting.exists().where(
        (Sitting.id == sitting_id) & (Sitting.session == session_id)
    ):
        raise RuleViolation(
            gettext("There is no such sitting in this session"), field="sitting_id", status_code=422
        )
    async with locked_transaction(f"check-in:{registration['id']}"):
        already = bool(await _first_arrivals([registration["id"]]))
        await _arrive(session_id, sitting_id, {registration["id"]: actor})
    attendee = (await find_attendees(session_id, registration["badge_code"]))[0]
    attendee.already_checked_in = already
    return attendee


async def arrive_at_sitting(
    session_id: int, sitting_id: int, arrivals: Mapping[int, Actor]
) -> None:
    """Record each delegate's arrival for the sitting (registration: who saw them in), once,
    inside the caller's transaction: a badge scanned in at a sitting's door is an arrival at
    the venue, admitted or not. The door records a turn's arrivals together."""
    async with locked_transaction(*(f"check-in:{registration}" for registration in arrivals)):
        await _arrive(session_id, sitting_id, arrivals)


async def _arrive(session_id: int, sitting_id: int | None, arrivals: Mapping[int, Actor]) -> None:
    """Record the arrivals, once: a repeated check-in changes nothing and tells nobody."""
    at = CheckIn.sitting == sitting_id if sitting_id else CheckIn.sitting.is_null()
    rows = await CheckIn.select(CheckIn.registration).where(
        at & is_among(CheckIn.registration, arrivals)
    )
    recorded = {row["registration"] for row in rows}
    new = [rid for rid in arrivals if rid not in recorded]
    if not new:
        return
    now = datetime.now(UTC)
    await insert_rows(
        CheckIn,
        ("registration", "sitting", "at", "by"),
        [(rid, sitting_id, now, getattr(arrivals[rid], "id", None)) for rid in new],
    )
    for rid in new:
        await publish(
            CheckedIn(
                actor=arrivals[rid],
                action="registration.checked_in",
                object_id=rid,
                session_id=session_id,
                sitting_id=sitting_id,
            )
        )


async def _registration(session_id: int, data: CheckInIn) -> dict[str, Any]:
    if data.badge_code is None and data.registration_id is None:
        raise RuleViolation(
            gettext("Give the badge code or the registration"), field="badge_code", status_code=422
        )
    where = (Registration.session == session_id) & (
        Registration.badge_code == data.badge_code.strip().upper()
        if data.badge_code
        else Registration.id == data.registration_id
    )
    row = await Registration.select().where(where).first()
    if row is None:
        raise NotFound(gettext("Registration not found"))
    if (
        row["status"] != RegistrationStatus.APPROVED.value
        or row["mode"] != AttendanceMode.IN_PERSON.value
    ):
        name = f"{row['given_name']} {row['family_name']}"
        raise RuleViolation(
            gettext("%(name)s is not an approved in-person delegate", name=name),
            field="badge_code",
        )
    return row


async def _current_sitting(session_id: int) -> int | None:
    now = datetime.now(UTC)
    rows = await Sitting.select(Sitting.id, Sitting.starts_at, Sitting.ends_at).where(
        (Sitting.session == session_id) & (Sitting.status == "scheduled")
    )
    for row in sorted(rows, key=lambda r: r["starts_at"]):
        if as_utc(row["starts_at"]) - EARLY_ARRIVAL <= now <= as_utc(row["ends_at"]):
            return row["id"]
    return None
