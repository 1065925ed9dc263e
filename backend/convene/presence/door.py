# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. InRoom.registration.given_name, as "Column | Any".)
"""The door: badge scans in and out of a sitting's room, decided in the order they were made.

Each scan carries when the device made it and the device's idempotency key. Scans are
decided in the order (``scanned_at``, ``idempotency_key``), whenever they arrive, under
one lock per sitting (the room's capacity is shared by every delegation):

- a scan newer than every scan of the sitting (the usual case) is decided at once against
  who is inside now;
- a scan made earlier than one already recorded (a door that was offline sending its scans
  late, in any order) is recorded, then every scan of the sitting is decided again in
  order, so the result is the one an online door would have given.

A key sent again returns the stored decision and changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.delegations.check_in import arrive_at_sitting
from convene.delegations.tables import CheckIn
from convene.errors import RuleViolation
from convene.meetings.timezones import as_utc
from convene.presence.events import announce
from convene.presence.people import (
    Badge,
    SittingAt,
    badge,
    ensure_held,
    person_name,
    sitting_at,
)
from convene.presence.schemas import PersonInside, ScanBatch, ScanIn, ScanOut
from convene.presence.seating import (
    DEFAULT_SEATS_AT_TABLE,
    SEATS_EXPRESSION,
    seats_by_delegation,
    seats_of,
)
from convene.presence.tables import DoorScan, InRoom
from convene.presence.vocabulary import Direction, ScanOutcome
from convene.translation import gettext

CLOCK_TOLERANCE = timedelta(minutes=2)
"""A device's clock may run this far ahead of the server's; a scan further ahead is refused."""


def door_lock(sitting_id: int) -> str:
    return f"door:{sitting_id}"


def decide(
    direction: Direction,
    inside: bool,
    delegation_inside: int,
    room_inside: int,
    seats: int,
    capacity: int | None,
) -> ScanOutcome:
    """The door's rule, the same for a scan decided at once and for a replay."""
    if direction is Direction.OUT:
        return ScanOutcome.LEFT if inside else ScanOutcome.NOT_INSIDE
    if inside:
        return ScanOutcome.ALREADY_INSIDE
    if delegation_inside >= seats:
        return ScanOutcome.SEATS_FULL
    if capacity is not None and room_inside >= capacity:
        return ScanOutcome.ROOM_FULL
    return ScanOutcome.ENTERED


async def scan(actor: Actor, sitting_id: int, data: ScanIn) -> ScanOut:
    """Record one scan at the door and say what it decided."""
    sitting = await sitting_at(sitting_id)
    ensure_held(sitting)
    holder = await badge(sitting.session_id, data.badge_code)
    async with locked_transaction(door_lock(sitting_id)):
        recorded = await _record(actor, sitting, holder, data)
    # Read once committed, outside the lock: the next scan at this sitting need not wait for it.
    return await _answer(
        sitting, holder, recorded.row, repeated=recorded.repeated, seats=recorded.seats
    )


async def scan_many(actor: Actor, sitting_id: int, batch: ScanBatch) -> list[ScanOut]:
    """Scans a door kept while offline, each decided as if it had arrived when it was made.

    All or none: a scan the door cannot take (an unknown badge, a key reused for another scan)
    refuses the whole batch, so the device can send it again once corrected.
    """
    sitting = await sitting_at(sitting_id)
    ensure_held(sitting)
    holders = [await badge(sitting.session_id, item.badge_code) for item in batch.scans]
    async with locked_transaction(door_lock(sitting_id)):
        seen: set[str] = set()
        repeated = []
        for holder, item in zip(holders, batch.scans, strict=True):
            # A key sent twice in one batch is one scan, as a key sent again later is.
            repeated.append(item.idempotency_key in seen or await _known(sitting, holder, item))
            seen.add(item.idempotency_key)
        fresh = sorted(
            (
                (_scanned_at(item.scanned_at), item.idempotency_key, holder, item)
                for holder, item, again in zip(holders, batch.scans, repeated, strict=True)
                if not again
            ),
            key=lambda entry: (entry[0], entry[1]),
        )
        latest = await _latest(sitting.id)
        if (
            fresh and latest is not None and fresh[0][0] <= latest
        ):  # some were made before the last one recorded
            for scanned_at, _key, holder, item in fresh:
                await _insert(actor, sitting, holder, item, scanned_at, ScanOutcome.NOT_INSIDE)
            await replay(actor, sitting)
        else:  # all newer than what is recorded: decided one after the other, as they come
            for scanned_at, _key, holder, item in fresh:
                await _decide_and_record(actor, sitting, holder, item, scanned_at)
        for _scanned, _key, holder, item in fresh:
            await _arrived(actor, sitting, holder, item)
    return [
        await _answer(sitting, holder, await _stored_row(item.idempotency_key), repeated=again)
        for holder, item, again in zip(holders, batch.scans, repeated, strict=True)
    ]


async def _known(sitting: SittingAt, holder: Badge, data: ScanIn) -> bool:
    """True when the scan's key was recorded already (for this very scan: else a 422)."""
    stored = await _stored(data.idempotency_key)
    if stored is not None:
        _check_same_scan(stored, sitting, holder, data)
    return stored is not None


@dataclass(frozen=True)
class Recorded:
    row: dict[str, Any]
    """The scan as recorded (or as recorded before, for a key sent again)."""
    repeated: bool
    seats: int | None = None
    """The delegation's seats at the table, when the door read them deciding."""


async def _record(actor: Actor, sitting: SittingAt, holder: Badge, data: ScanIn) -> Recorded:
    """Decide and record the scan; a key sent before changes nothing (its decision stands)."""
    now = await _door_now(sitting, holder, data.idempotency_key)
    if now.known:
        stored = await _stored_row(data.idempotency_key)
        _check_same_scan(stored, sitting, holder, data)
        return Recorded(stored, repeated=True)
    scanned_at = _scanned_at(data.scanned_at)
    if now.latest is None or scanned_at > now.latest:
        outcome = decide(
            data.direction, now.inside, now.delegation, now.room, now.seats, sitting.room_capacity
        )
        recorded = Recorded(
            await _record_decided(actor, sitting, holder, data, scanned_at, outcome),
            repeated=False,
            seats=now.seats,
        )
    else:
        await _insert(actor, sitting, holder, data, scanned_at, ScanOutcome.NOT_INSIDE)
        await replay(actor, sitting)
        recorded = Recorded(await _stored_row(data.idempotency_key), repeated=False)
    if not now.arrived:  # an arrival is recorded once per sitting (under its own lock)
        await _arrived(actor, sitting, holder, data)
    return recorded


async def _arrived(actor: Actor, sitting: SittingAt, holder: Badge, data: ScanIn) -> None:
    """A scan in is an arrival at the venue, as the check-in desk records it (once per sitting)."""
    if data.direction is Direction.IN:
        await arrive_at_sitting(actor, sitting.session_id, holder.registration_id, sitting.id)


async def _decide_and_record(
    actor: Actor, sitting: SittingAt, holder: Badge, data: ScanIn, scanned_at: datetime
) -> dict[str, Any]:
    """A scan newer than every recorded one: decided against who is inside now."""
    now = await _door_now(sitting, holder, data.idempotency_key)
    outcome = decide(
        data.direction, now.inside, now.delegation, now.room, now.seats, sitting.room_capacity
    )
    return await _record_decided(actor, sitting, holder, data, scanned_at, outcome)


async def _record_decided(
    actor: Actor,
    sitting: SittingAt,
    holder: Badge,
    data: ScanIn,
    scanned_at: datetime,
    outcome: ScanOutcome,
) -> dict[str, Any]:
    scan_id = await _insert(actor, sitting, holder, data, scanned_at, outcome)
    await _apply(sitting, holder, outcome, scanned_at)
    if outcome.changes_presence:
        await announce(actor, sitting.id, sitting.session_id, holder.registration_id, outcome.value)
    return {
        "id": scan_id,
        "idempotency_key": data.idempotency_key,
        "outcome": outcome.value,
        "direction": data.direction.value,
        "scanned_at": scanned_at,
    }


def _scanned_at(given: datetime | None) -> datetime:
    now = datetime.now(UTC)
    if given is None:
        return now
    if given.tzinfo is None:
        raise RuleViolation(
            gettext("Give the time of the scan with its offset (for example 2020-08-31T08:14:03Z)"),
            field="scanned_at",
            status_code=422,
        )
    if given - now > CLOCK_TOLERANCE:
        raise RuleViolation(
            gettext("The scan's time is in the future: check the door device's clock"),
            field="scanned_at",
            status_code=422,
        )
    return given.astimezone(UTC)


async def _stored(key: str) -> dict[str, Any] | None:
    return await DoorScan.select().where(DoorScan.idempotency_key == key).first()


async def _stored_row(key: str) -> dict[str, Any]:
    """A scan this request has recorded (or found recorded)."""
    stored = await _stored(key)
    if stored is None:  # cannot happen: scans are never deleted but with their sitting
        raise RuntimeError(f"door scan {key!r} vanished once recorded")
    return stored


def _check_same_scan(
    stored: dict[str, Any], sitting: SittingAt, holder: Badge, data: ScanIn
) -> None:
    """A key names one scan: sent again for another badge, direction or sitting is a mistake."""
    same = (
        stored["sitting"] == sitting.id
        and stored["registration"] == holder.registration_id
        and stored["direction"] == data.direction.value
    )
    if not same:
        raise RuleViolation(
            gettext("This idempotency key was already used for another scan"),
            field="idempotency_key",
            status_code=422,
        )


async def _latest(sitting_id: int) -> datetime | None:
    row = (
        await DoorScan.select(DoorScan.scanned_at)
        .where(DoorScan.sitting == sitting_id)
        .order_by(DoorScan.scanned_at, ascending=False)
        .first()
    )
    return None if row is None else as_utc(row["scanned_at"])


DOOR_NOW = f"""
SELECT
    (SELECT COUNT(*) FROM door_scan WHERE idempotency_key = {{}}) AS known,
    (SELECT MAX(scanned_at) FROM door_scan WHERE sitting = {{}}) AS latest,
    (SELECT COUNT(*) FROM in_room WHERE sitting = {{}} AND registration = {{}}) AS me,
    (SELECT COUNT(*) FROM in_room WHERE sitting = {{}} AND delegation = {{}}) AS delegation,
    (SELECT COUNT(*) FROM in_room WHERE sitting = {{}}) AS room,
    {SEATS_EXPRESSION} AS seats,
    (SELECT COUNT(*) FROM {CheckIn._meta.tablename} WHERE registration = {{}} AND sitting = {{}})
        AS arrived
"""
"""All the door needs to decide a scan, in one query under its lock: whether the key was sent
before, the latest scan's time, whether the person is inside, how many of the delegation and
of everyone are, the delegation's seats, and whether the person's arrival at the sitting is
recorded already (most scans in are not the first: they then write no arrival)."""


@dataclass(frozen=True)
class DoorNow:
    known: bool
    latest: datetime | None
    inside: bool
    delegation: int
    room: int
    seats: int
    arrived: bool


async def _door_now(sitting: SittingAt, holder: Badge, key: str) -> DoorNow:
    row = (
        await InRoom.raw(
            DOOR_NOW,
            key,
            sitting.id,
            sitting.id,
            holder.registration_id,
            sitting.id,
            holder.delegation_id,
            sitting.id,
            holder.delegation_id,
            sitting.session_id,
            DEFAULT_SEATS_AT_TABLE,
            holder.registration_id,
            sitting.id,
        )
    )[0]
    latest = row["latest"]
    if isinstance(latest, str):  # SQLite answers an aggregate of times as their text
        latest = datetime.fromisoformat(latest)
    return DoorNow(
        known=int(row["known"]) > 0,
        latest=None if latest is None else as_utc(latest),
        inside=int(row["me"]) > 0,
        delegation=int(row["delegation"]),
        room=int(row["room"]),
        seats=int(row["seats"]),
        arrived=int(row["arrived"]) > 0,
    )


async def _insert(
    actor: Actor,
    sitting: SittingAt,
    holder: Badge,
    data: ScanIn,
    scanned_at: datetime,
    outcome: ScanOutcome,
) -> int:
    inserted = await DoorScan.insert(
        DoorScan(
            sitting=sitting.id,
            registration=holder.registration_id,
            delegation=holder.delegation_id,
            direction=data.direction.value,
            scanned_at=scanned_at,
            idempotency_key=data.idempotency_key,
            door=data.door,
            outcome=outcome.value,
            by=getattr(actor, "id", None),
        )
    )
    return int(inserted[0]["id"])


async def _apply(
    sitting: SittingAt, holder: Badge, outcome: ScanOutcome, scanned_at: datetime
) -> None:
    """Enter or leave: a scan out frees the seat at once."""
    if outcome is ScanOutcome.ENTERED:
        await InRoom.insert(
            InRoom(
                sitting=sitting.id,
                registration=holder.registration_id,
                delegation=holder.delegation_id,
                since=scanned_at,
            )
        )
    elif outcome is ScanOutcome.LEFT:
        await InRoom.delete().where(
            (InRoom.sitting == sitting.id) & (InRoom.registration == holder.registration_id)
        )


@dataclass
class _Room:
    """Who is inside, while the sitting's scans are decided again in order."""

    since: dict[int, tuple[int, datetime]] = field(default_factory=dict)
    """Registration: (delegation, since)."""
    per_delegation: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def take(self, scan: dict[str, Any], seats: int, capacity: int | None) -> ScanOutcome:
        registration, delegation = scan["registration"], scan["delegation"]
        outcome = decide(
            Direction(scan["direction"]),
            registration in self.since,
            self.per_delegation[delegation],
            len(self.since),
            seats,
            capacity,
        )
        if outcome is ScanOutcome.ENTERED:
            self.since[registration] = (delegation, as_utc(scan["scanned_at"]))
            self.per_delegation[delegation] += 1
        elif outcome is ScanOutcome.LEFT:
            del self.since[registration]
            self.per_delegation[delegation] -= 1
        return outcome


async def replay(actor: Actor, sitting: SittingAt) -> None:
    """Decide every scan of the sitting again, in the order they were made; rebuild who is inside.

    Call inside the sitting's door lock.
    """
    scans = await DoorScan.select(
        DoorScan.id,
        DoorScan.registration,
        DoorScan.delegation,
        DoorScan.direction,
        DoorScan.scanned_at,
        DoorScan.idempotency_key,
        DoorScan.outcome,
    ).where(DoorScan.sitting == sitting.id)
    scans.sort(key=lambda s: (as_utc(s["scanned_at"]), s["idempotency_key"]))
    seats = await seats_by_delegation(sitting.session_id, {s["delegation"] for s in scans})
    room = _Room()
    changed: dict[str, list[int]] = defaultdict(list)
    for item in scans:
        outcome = room.take(item, seats[item["delegation"]], sitting.room_capacity)
        if outcome.value != item["outcome"]:
            changed[outcome.value].append(item["id"])
    for outcome_value, ids in changed.items():
        await DoorScan.update({DoorScan.outcome: outcome_value}).where(DoorScan.id.is_in(ids))
    await InRoom.delete().where(InRoom.sitting == sitting.id)
    if room.since:
        await InRoom.insert(
            *(
                InRoom(sitting=sitting.id, registration=rid, delegation=did, since=since)
                for rid, (did, since) in room.since.items()
            )
        )
    await announce(actor, sitting.id, sitting.session_id, None, "replayed")


INSIDE_COLUMNS = (
    InRoom.registration,
    InRoom.since,
    InRoom.registration.honorific.as_alias("honorific"),
    InRoom.registration.given_name.as_alias("given_name"),
    InRoom.registration.family_name.as_alias("family_name"),
)
"""Built once, as the door answers every scan with them (see ``people.SITTING_COLUMNS``)."""


async def inside_of(sitting_id: int, delegation_id: int) -> list[PersonInside]:
    """Who of the delegation is in the room now, first in first."""
    rows = (
        await InRoom.select(*INSIDE_COLUMNS)
        .where((InRoom.sitting == sitting_id) & (InRoom.delegation == delegation_id))
        .order_by(InRoom.since)
    )
    return [
        PersonInside(row["registration"], person_name(row), as_utc(row["since"])) for row in rows
    ]


async def _answer(
    sitting: SittingAt,
    holder: Badge,
    stored: dict[str, Any],
    *,
    repeated: bool,
    seats: int | None = None,
) -> ScanOut:
    """The recorded scan with who of the delegation is inside now."""
    outcome = ScanOutcome(stored["outcome"])
    inside = await inside_of(sitting.id, holder.delegation_id)
    mine = next((p.since for p in inside if p.registration_id == holder.registration_id), None)
    if seats is None:
        seats = await seats_of(sitting.session_id, holder.delegation_id)
    return ScanOut(
        scan_id=stored["id"],
        idempotency_key=stored["idempotency_key"],
        outcome=outcome.value,
        refused=outcome.refused,
        message=_message(sitting, holder, outcome, inside, seats, mine),
        registration_id=holder.registration_id,
        name=holder.name,
        entity=holder.entity,
        direction=stored["direction"],
        scanned_at=as_utc(stored["scanned_at"]),
        inside_since=mine,
        delegation_inside=inside,
        seats_at_table=seats,
        room_capacity=sitting.room_capacity,
        repeated=repeated,
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
