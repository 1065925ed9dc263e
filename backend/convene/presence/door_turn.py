# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. InRoom.registration.given_name, as "Column | Any".)
"""The door's turns: the scans waiting at a sitting's door, decided together under its lock.

Scans are decided in the order (``scanned_at``, ``idempotency_key``), whenever they arrive,
under one lock per sitting (the room's capacity is shared by every delegation). The scans
that wait for that lock in a worker take one turn (:mod:`convene.presence.waiting_line`):
one lock, a few reads, multi-row writes and one commit for all of them.

- Scans newer than every scan of the sitting (the usual case) are decided one after the
  other against who is inside now.
- If one was made earlier than one already recorded (a door that was offline sending its
  scans late, in any order), they are recorded, then every scan of the sitting is decided
  again in order, so the result is the one an online door would have given.

A key sent again (now, or twice in one turn) is one scan: it answers the stored decision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from weakref import WeakKeyDictionary

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.delegations.check_in import arrive_at_sitting
from convene.delegations.tables import Registration
from convene.events.bus import EventBus, current_bus
from convene.meetings.timezones import as_utc
from convene.presence.events import announce
from convene.presence.people import Badge, SittingAt, person_name
from convene.presence.schemas import PersonInside, ScanIn
from convene.presence.seating import seats_by_delegation
from convene.presence.tables import DoorScan, InRoom
from convene.presence.vocabulary import Direction, ScanOutcome
from convene.presence.waiting_line import WaitingLine
from convene.statements import among, insert_rows, is_among


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


@dataclass(frozen=True, eq=False)
class Scan:
    """A badge scan checked as far as it can be without the lock."""

    holder: Badge
    data: ScanIn
    given_at: datetime | None
    """When the device made it (UTC), or None: then it was made when it is decided."""

    @property
    def key(self) -> str:
        return self.data.idempotency_key


@dataclass(frozen=True, eq=False)
class Visit:
    """One request's scans at a sitting's door: one scan, or an offline door's batch."""

    actor: Actor
    sitting: SittingAt
    scans: list[Scan]


@dataclass(frozen=True)
class Decided:
    row: dict[str, Any]
    """The scan as recorded (or as recorded before, for a key sent again)."""
    repeated: bool
    seats: int
    """The delegation's seats at the table when the door decided."""
    inside: list[PersonInside]
    """Who of the delegation is inside once the turn is decided, first in first."""


class KeyReused:
    """A key already names another scan: the whole visit is refused, and changes nothing."""


Line = WaitingLine[Visit, list[Decided] | KeyReused]
_lines: WeakKeyDictionary[EventBus, dict[int, Line]] = WeakKeyDictionary()
"""The line at each sitting's door, per app (each has its own bus and database): two apps in
one process, as in the tests, never share a turn."""


async def settle(visit: Visit) -> list[Decided] | KeyReused:
    """Wait for the visit's turn at its sitting's door; what was decided of each of its scans."""
    lines = _lines.setdefault(current_bus(), {})
    line = lines.get(visit.sitting.id)
    if line is None:
        line = lines[visit.sitting.id] = WaitingLine(_take_turn)
    return await line.join(visit)


async def _take_turn(visits: list[Visit]) -> list[list[Decided] | KeyReused]:
    sitting = visits[-1].sitting  # the freshest reading of its capacity
    delegations = {scan.holder.delegation_id for visit in visits for scan in visit.scans}
    # The secretariat sets the seats between sittings: they are read before the lock, which
    # is held for as few round trips as can be (every turn at this sitting waits for it).
    seats = await seats_by_delegation(sitting.session_id, delegations)
    async with locked_transaction(door_lock(sitting.id)):
        turn = await _turn(sitting, visits, seats)
    # Unless the turn knows them (it usually does), read once committed, outside the lock.
    keys = {scan.key for visit in turn.taken for scan in visit.scans}
    rows = turn.rows if turn.rows is not None else await _rows_by_key(keys)
    inside = turn.inside if turn.inside is not None else await _inside(sitting.id, delegations)

    def decided(scan: Scan) -> Decided:
        delegation = scan.holder.delegation_id
        repeated = turn.first.get(scan.key) is not scan
        return Decided(rows[scan.key], repeated, seats[delegation], inside[delegation])

    return [
        [decided(scan) for scan in visit.scans] if visit in turn.taken else KeyReused()
        for visit in visits
    ]


@dataclass(frozen=True)
class Fresh:
    """A scan recorded for the first time in this turn."""

    scan: Scan
    actor: Actor
    at: datetime


@dataclass
class Turn:
    taken: list[Visit]
    """The visits whose keys name their own scans (the others are refused)."""
    first: dict[str, Scan]
    """The scan each key of the turn names: a key's other scans are that one sent again."""
    rows: dict[str, dict[str, Any]] | None = None
    """The turn's scans as recorded, by key, when the turn knows them without reading."""
    inside: dict[int, list[PersonInside]] | None = None
    """Who of each delegation at hand is inside after the turn, when the turn knows it."""


async def _turn(sitting: SittingAt, visits: list[Visit], seats: dict[int, int]) -> Turn:
    known = await _rows_by_key({scan.key for visit in visits for scan in visit.scans})
    turn = Turn([], {})
    for visit in visits:
        mine = _keys_of(visit, sitting, known, turn.first)
        if mine is not None:
            turn.first.update(mine)
            turn.taken.append(visit)
    fresh = sorted(_timed(turn.taken, turn.first), key=lambda f: (f.at, f.scan.key))
    if not fresh:
        return turn
    at_hand = {scan.holder.delegation_id for visit in turn.taken for scan in visit.scans}
    room = await _room_now(sitting.id, at_hand)
    if room.latest is not None and fresh[0].at <= room.latest:  # made before one recorded
        await _record(sitting, fresh, [ScanOutcome.NOT_INSIDE] * len(fresh))
        await replay(fresh[0].actor, sitting)
    else:
        written = await _decide_in_order(sitting, fresh, seats, room)
        turn.rows = known | written
        turn.inside = room.inside(at_hand)
    await _arrivals(sitting, fresh)
    return turn


def _timed(visits: list[Visit], first: dict[str, Scan]) -> list[Fresh]:
    """The turn's new scans with their times: those made now keep the order they arrived in."""
    now = datetime.now(UTC)
    fresh: list[Fresh] = []
    for visit in visits:
        for scan in visit.scans:
            if first.get(scan.key) is scan:
                at = scan.given_at or now + timedelta(microseconds=len(fresh))
                fresh.append(Fresh(scan, visit.actor, at))
    return fresh


def _keys_of(
    visit: Visit, sitting: SittingAt, known: dict[str, dict[str, Any]], first: dict[str, Scan]
) -> dict[str, Scan] | None:
    """The keys the visit's scans record for the first time, or None if one names another scan."""
    mine: dict[str, Scan] = {}
    for scan in visit.scans:
        earlier = known.get(scan.key)
        if earlier is not None:
            same = (earlier["sitting"], earlier["registration"], earlier["direction"]) == (
                sitting.id,
                scan.holder.registration_id,
                scan.data.direction.value,
            )
        else:
            named = first.get(scan.key) or mine.setdefault(scan.key, scan)
            same = (named.holder.registration_id, named.data.direction) == (
                scan.holder.registration_id,
                scan.data.direction,
            )
        if not same:
            return None
    return mine


async def _decide_in_order(
    sitting: SittingAt, fresh: list[Fresh], seats: dict[int, int], room: Room
) -> dict[str, dict[str, Any]]:
    """Scans newer than every recorded one, decided one after the other from who is inside now;
    the scans as recorded."""
    before = dict(room.since)
    room.names |= {f.scan.holder.registration_id: f.scan.holder.name for f in fresh}
    outcomes = [
        room.take(
            f.scan.holder.registration_id,
            f.scan.holder.delegation_id,
            f.scan.data.direction,
            f.at,
            seats[f.scan.holder.delegation_id],
            sitting.room_capacity,
        )
        for f in fresh
    ]
    ids = await _record(sitting, fresh, outcomes)
    gone = [rid for rid, place in before.items() if room.since.get(rid) != place]
    if gone:
        await InRoom.delete().where(
            (InRoom.sitting == sitting.id) & is_among(InRoom.registration, gone)
        )
    await _seat(sitting.id, {rid: p for rid, p in room.since.items() if before.get(rid) != p})
    for f, outcome in zip(fresh, outcomes, strict=True):
        if outcome.changes_presence:
            holder = f.scan.holder
            await announce(
                f.actor, sitting.id, sitting.session_id, holder.registration_id, outcome.value
            )
    return {
        f.scan.key: {
            "id": ids[f.scan.key],
            "idempotency_key": f.scan.key,
            "outcome": outcome.value,
            "direction": f.scan.data.direction.value,
            "scanned_at": f.at,
        }
        for f, outcome in zip(fresh, outcomes, strict=True)
    }


@dataclass
class Room:
    """Who is inside (of the delegations at hand), while scans are decided in order."""

    since: dict[int, tuple[int, datetime]] = field(default_factory=dict)
    """Registration: (delegation, since)."""
    per_delegation: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    elsewhere: int = 0
    """Inside, of the delegations not at hand: they count toward the room's capacity."""
    latest: datetime | None = None
    """When the latest scan recorded was made."""
    names: dict[int, str] = field(default_factory=dict)
    """Registration: the name the door shows, of those inside (and of those scanned)."""

    def inside(self, delegations: set[int]) -> dict[int, list[PersonInside]]:
        """Who of each of these delegations is inside, first in first."""
        inside: dict[int, list[PersonInside]] = {delegation: [] for delegation in delegations}
        for rid, (delegation, since) in sorted(self.since.items(), key=lambda p: p[1][1]):
            inside[delegation].append(PersonInside(rid, self.names[rid], since))
        return inside

    def take(
        self,
        registration: int,
        delegation: int,
        direction: Direction,
        at: datetime,
        seats: int,
        capacity: int | None,
    ) -> ScanOutcome:
        outcome = decide(
            direction,
            registration in self.since,
            self.per_delegation[delegation],
            len(self.since) + self.elsewhere,
            seats,
            capacity,
        )
        if outcome is ScanOutcome.ENTERED:
            self.since[registration] = (delegation, at)
            self.per_delegation[delegation] += 1
        elif outcome is ScanOutcome.LEFT:
            del self.since[registration]
            self.per_delegation[delegation] -= 1
        return outcome


def _room_query(at_hand: str) -> str:
    """Who of the delegations at hand is inside (and their names), how many are in all, and when
    the latest scan was made: one round trip while the lock is held (arguments: the sitting
    three times, then the delegations, ``at_hand`` the condition on them)."""
    return f"""
SELECT now.everyone, now.latest, r.registration, r.delegation, r.since,
    p.honorific, p.given_name, p.family_name
FROM (
    SELECT (SELECT COUNT(*) FROM {InRoom._meta.tablename} WHERE sitting = {{}}) AS everyone,
        (SELECT MAX(scanned_at) FROM {DoorScan._meta.tablename} WHERE sitting = {{}}) AS latest
) AS now
LEFT JOIN {InRoom._meta.tablename} AS r ON r.sitting = {{}} AND r.delegation {at_hand}
LEFT JOIN {Registration._meta.tablename} AS p ON p.id = r.registration
"""


async def _room_now(sitting_id: int, delegations: set[int]) -> Room:
    at_hand, arguments = among(delegations)
    rows = await InRoom.raw(_room_query(at_hand), sitting_id, sitting_id, sitting_id, *arguments)
    present = [row for row in rows if row["registration"] is not None]
    latest = rows[0]["latest"]
    room = Room(
        elsewhere=int(rows[0]["everyone"]) - len(present),
        latest=None if latest is None else _moment(latest),
    )
    for row in present:
        room.since[row["registration"]] = (row["delegation"], _moment(row["since"]))
        room.per_delegation[row["delegation"]] += 1
        room.names[row["registration"]] = person_name(row)
    return room


def _moment(value: datetime | str) -> datetime:
    """A stored time; SQLite answers an aggregate of times (and times it cannot type) as text."""
    return as_utc(datetime.fromisoformat(value) if isinstance(value, str) else value)


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
    room = Room()
    changed: dict[str, list[int]] = defaultdict(list)
    for item in scans:
        outcome = room.take(
            item["registration"],
            item["delegation"],
            Direction(item["direction"]),
            as_utc(item["scanned_at"]),
            seats[item["delegation"]],
            sitting.room_capacity,
        )
        if outcome.value != item["outcome"]:
            changed[outcome.value].append(item["id"])
    for outcome_value, ids in changed.items():
        await DoorScan.update({DoorScan.outcome: outcome_value}).where(is_among(DoorScan.id, ids))
    await InRoom.delete().where(InRoom.sitting == sitting.id)
    await _seat(sitting.id, room.since)
    await announce(actor, sitting.id, sitting.session_id, None, "replayed")


async def _seat(sitting_id: int, places: dict[int, tuple[int, datetime]]) -> None:
    """Write who entered (registration: delegation, since)."""
    await insert_rows(
        InRoom,
        ("sitting", "registration", "delegation", "since"),
        [(sitting_id, rid, did, since) for rid, (did, since) in places.items()],
    )


SCAN_COLUMNS = (
    "sitting",
    "registration",
    "delegation",
    "direction",
    "scanned_at",
    "idempotency_key",
    "door",
    "outcome",
    "received_at",
    "by",
)


async def _record(
    sitting: SittingAt, fresh: list[Fresh], outcomes: list[ScanOutcome]
) -> dict[str, int]:
    """Write the scans; their ids by key."""
    received = datetime.now(UTC)
    written = await insert_rows(
        DoorScan,
        SCAN_COLUMNS,
        [
            (
                sitting.id,
                f.scan.holder.registration_id,
                f.scan.holder.delegation_id,
                f.scan.data.direction.value,
                f.at,
                f.scan.key,
                f.scan.data.door,
                outcome.value,
                received,
                getattr(f.actor, "id", None),
            )
            for f, outcome in zip(fresh, outcomes, strict=True)
        ],
        returning=("idempotency_key", "id"),
    )
    return {row["idempotency_key"]: row["id"] for row in written}


async def _arrivals(sitting: SittingAt, fresh: list[Fresh]) -> None:
    """A scan in is an arrival at the venue, as the check-in desk records it (once per sitting)."""
    coming: dict[int, Actor] = {}
    for f in fresh:
        if f.scan.data.direction is Direction.IN:
            coming.setdefault(f.scan.holder.registration_id, f.actor)
    if coming:
        await arrive_at_sitting(sitting.session_id, sitting.id, coming)


INSIDE_COLUMNS = (
    InRoom.registration,
    InRoom.delegation,
    InRoom.since,
    InRoom.registration.honorific.as_alias("honorific"),
    InRoom.registration.given_name.as_alias("given_name"),
    InRoom.registration.family_name.as_alias("family_name"),
)


async def _inside(sitting_id: int, delegations: set[int]) -> dict[int, list[PersonInside]]:
    """Who of each delegation is in the room, first in first: the door's answers name them."""
    inside: dict[int, list[PersonInside]] = {delegation: [] for delegation in delegations}
    if not delegations:
        return inside
    rows = (
        await InRoom.select(*INSIDE_COLUMNS)
        .where((InRoom.sitting == sitting_id) & is_among(InRoom.delegation, delegations))
        .order_by(InRoom.since)
    )
    for row in rows:
        person = PersonInside(row["registration"], person_name(row), as_utc(row["since"]))
        inside[row["delegation"]].append(person)
    return inside


async def _rows_by_key(keys: set[str]) -> dict[str, dict[str, Any]]:
    if not keys:
        return {}
    rows = await DoorScan.select(
        DoorScan.id,
        DoorScan.idempotency_key,
        DoorScan.sitting,
        DoorScan.registration,
        DoorScan.direction,
        DoorScan.outcome,
        DoorScan.scanned_at,
    ).where(is_among(DoorScan.idempotency_key, keys))
    return {row["idempotency_key"]: row for row in rows}
