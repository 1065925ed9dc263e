"""The door: badge scans in and out of a sitting's room, and what the door's screen says.

A scan is checked as far as it can be at once (the sitting, the badge, the time given), then
waits for its turn at the sitting's door, where it is decided in the order scans were made
(:mod:`convene.presence.door_turn`). The answer names who of the delegation is inside.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from convene.accounts.access import Actor
from convene.errors import RuleViolation
from convene.meetings.timezones import as_utc
from convene.presence.door_turn import Decided, KeyReused, Scan, Visit, settle
from convene.presence.people import (
    Badge,
    SittingAt,
    badges,
    ensure_held,
    sitting_and_badge,
    sitting_at,
)
from convene.presence.schemas import PersonInside, ScanBatch, ScanIn, ScanOut
from convene.presence.vocabulary import ScanOutcome
from convene.translation import gettext

CLOCK_TOLERANCE = timedelta(minutes=2)
"""A device's clock may run this far ahead of the server's; a scan further ahead is refused."""


async def scan(actor: Actor, sitting_id: int, data: ScanIn) -> ScanOut:
    """Record one scan at the door and say what it decided."""
    sitting, holder = await sitting_and_badge(sitting_id, data.badge_code)
    [decided] = await _decided(Visit(actor, sitting, [_checked(holder, data)]))
    return _answer(sitting, holder, decided)


async def scan_many(actor: Actor, sitting_id: int, batch: ScanBatch) -> list[ScanOut]:
    """Scans a door kept while offline, each decided as if it had arrived when it was made.

    All or none: a scan the door cannot take (an unknown badge, a key reused for another scan)
    refuses the whole batch, so the device can send it again once corrected.
    """
    sitting = await sitting_at(sitting_id)
    ensure_held(sitting)
    holders = await badges(sitting.session_id, [item.badge_code for item in batch.scans])
    scans = [_checked(holder, item) for holder, item in zip(holders, batch.scans, strict=True)]
    decided = await _decided(Visit(actor, sitting, scans))
    return [_answer(sitting, s.holder, d) for s, d in zip(scans, decided, strict=True)]


async def _decided(visit: Visit) -> list[Decided]:
    decided = await settle(visit)
    if isinstance(decided, KeyReused):  # a key names one scan: another badge, direction or sitting
        raise RuleViolation(
            gettext("This idempotency key was already used for another scan"),
            field="idempotency_key",
            status_code=422,
        )
    return decided


def _checked(holder: Badge, data: ScanIn) -> Scan:
    given = data.scanned_at
    if given is None:
        return Scan(holder, data, None)
    if given.tzinfo is None:
        raise RuleViolation(
            gettext("Give the time of the scan with its offset (for example 2020-08-31T08:14:03Z)"),
            field="scanned_at",
            status_code=422,
        )
    if given - datetime.now(UTC) > CLOCK_TOLERANCE:
        raise RuleViolation(
            gettext("The scan's time is in the future: check the door device's clock"),
            field="scanned_at",
            status_code=422,
        )
    return Scan(holder, data, given.astimezone(UTC))


def _answer(sitting: SittingAt, holder: Badge, decided: Decided) -> ScanOut:
    """The recorded scan with who of the delegation is inside now."""
    stored, inside = decided.row, decided.inside
    outcome = ScanOutcome(stored["outcome"])
    mine = next((p.since for p in inside if p.registration_id == holder.registration_id), None)
    return ScanOut(
        scan_id=stored["id"],
        idempotency_key=stored["idempotency_key"],
        outcome=outcome.value,
        refused=outcome.refused,
        message=_message(sitting, holder, outcome, inside, decided.seats, mine),
        registration_id=holder.registration_id,
        name=holder.name,
        entity=holder.entity,
        direction=stored["direction"],
        scanned_at=as_utc(stored["scanned_at"]),
        inside_since=mine,
        delegation_inside=inside,
        seats_at_table=decided.seats,
        room_capacity=sitting.room_capacity,
        repeated=decided.repeated,
    )


def _message(
    sitting: SittingAt,
    holder: Badge,
    outcome: ScanOutcome,
    inside: list[PersonInside],
    seats: int,
    since: datetime | None,
) -> str:
    """What the door's screen says, in the desk's words."""
    who = f"{holder.name} ({holder.entity})"
    if outcome is ScanOutcome.ENTERED:
        return f"{who} entered"
    if outcome is ScanOutcome.LEFT:
        return f"{who} left; a seat of {holder.entity} is free"
    if outcome is ScanOutcome.ALREADY_INSIDE:
        return (
            f"{who} is already inside since {sitting.clock(since)}"
            if since
            else f"{who} is already inside"
        )
    if outcome is ScanOutcome.NOT_INSIDE:
        return f"{who} is not inside"
    if outcome is ScanOutcome.SEATS_FULL and not inside:
        return f"Refused: {holder.entity} has no seat at the table at this sitting"
    if outcome is ScanOutcome.SEATS_FULL:
        names = ", ".join(f"{p.name} (since {sitting.clock(p.since)})" for p in inside)
        return f"Refused: all {seats} seats of {holder.entity} are taken, by {names}"
    return f"Refused: the room is full ({sitting.room_capacity} seats)"
