"""Request and response bodies of hybrid sittings: the door, online presence, the live picture."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from litestar.datastructures import UploadFile
from msgspec import UNSET, Meta, Struct, UnsetType

from convene.bounds import PositiveInt
from convene.meetings.schemas import Link
from convene.presence.vocabulary import Direction
from convene.text import line, matching

BadgeCode = Annotated[
    str,
    matching(r" *[A-Za-z0-9]+ *", min_length=1, max_length=20, examples=["K7Q2M9XA"]),
]
IdempotencyKey = Annotated[
    str,
    matching(
        r"[A-Za-z0-9._:-]+",
        min_length=8,
        max_length=100,
        examples=["door-a-2020-08-31T10:14:03.120Z-0001"],
    ),
]
DoorName = Annotated[str, line(max_length=50, examples=["Door A"])]
Seats = Annotated[int, Meta(ge=0, le=50)]
Part = Annotated[int, Meta(ge=1, le=100)]


class ScanIn(Struct, forbid_unknown_fields=True):
    """A badge scanned at a door. ``scanned_at`` is when the device scanned it (now, if not
    given); ``idempotency_key`` is the device's own name for this scan, so that sending it
    again changes nothing."""

    badge_code: BadgeCode
    direction: Direction
    idempotency_key: IdempotencyKey
    scanned_at: datetime | None = None
    door: DoorName = ""


class ScanBatch(Struct, forbid_unknown_fields=True):
    """Scans a door device kept while it was offline, in any order."""

    scans: Annotated[list[ScanIn], Meta(min_length=1, max_length=500)]


class PersonInside(Struct):
    registration_id: int
    name: str
    since: datetime


class ScanOut(Struct):
    """What the door decided. ``refused`` scans change nothing and say why in ``message``;
    a refusal for seats names who of the delegation is inside (``delegation_inside``)."""

    scan_id: int
    idempotency_key: str
    outcome: str
    refused: bool
    message: str
    registration_id: int
    name: str
    entity: str
    direction: str
    scanned_at: datetime
    inside_since: datetime | None
    delegation_inside: list[PersonInside]
    seats_at_table: int
    room_capacity: int | None
    repeated: bool = False
    """True when this idempotency key had been sent before: the stored decision, unchanged."""


class OnlineMark(Struct, forbid_unknown_fields=True):
    """The secretariat's record that someone follows online (``online`` false: no longer)."""

    registration_id: PositiveInt
    online: bool = True


class HybridSetupIn(Struct, forbid_unknown_fields=True):
    seats_at_table: Seats | UnsetType = UNSET
    listening_link: Link | UnsetType = UNSET


class HybridSetupOut(Struct):
    session_id: int
    seats_at_table: int
    listening_link: str


class DelegationSeatsIn(Struct, forbid_unknown_fields=True):
    """``null`` returns the delegation to the session's number of seats."""

    seats_at_table: Seats | None


class QuorumRuleIn(Struct, forbid_unknown_fields=True):
    opening_numerator: Part
    opening_denominator: Part
    decision_numerator: Part
    decision_denominator: Part


class QuorumRuleOut(Struct):
    body: str
    opening_numerator: int
    opening_denominator: int
    decision_numerator: int
    decision_denominator: int


class SeatPlanIn(Struct, forbid_unknown_fields=True):
    registration_ids: Annotated[list[PositiveInt], Meta(max_length=50)]


class Attendee(Struct):
    registration_id: int
    name: str
    since: datetime | None = None


class DelegationPicture(Struct):
    delegation_id: int
    entity: str
    category: str
    regional_group: str | None
    seats_at_table: int
    seats_free: int
    in_room: list[Attendee]
    online_speaking: list[Attendee]
    online_listening: list[Attendee]
    expected: list[Attendee]
    """Who the focal point expects to sit at this sitting (the seat plan)."""


class ModeTotals(Struct):
    label: str
    in_room: int
    online_speaking: int
    online_listening: int
    total: int


class Quorum(Struct):
    body: str
    states_parties_participating: int
    states_parties_present: int
    present_in_room: int
    present_online_only: int
    needed_to_open: int
    met: bool
    majority_for_decisions: int
    rule: str


class LivePicture(Struct):
    sitting_id: int
    session_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    room: str
    room_capacity: int | None
    in_room: int
    delegations: list[DelegationPicture]
    by_category: list[ModeTotals]
    total: ModeTotals
    quorum: Quorum


class JoinLinkOut(Struct):
    sitting_id: int
    title: str
    starts_at: datetime
    mode: str
    url: str


class OnlineStatus(Struct):
    sitting_id: int
    registration_id: int
    mode: str
    online: bool
    heartbeat_seconds: int
    platform_link: str


class ImportedLine(Struct):
    line: int
    name: str
    email: str
    registration_id: int | None
    matched_name: str
    matched_by: str
    """``e-mail`` or ``name``; for a line that matched no one, why."""


class ImportResult(Struct):
    platform: str
    lines: int
    visits: int
    matched: list[ImportedLine]
    unmatched: list[ImportedLine]


@dataclass
class ReportUpload:
    """The platform's participant report (Zoom CSV or Teams attendance report), as a file."""

    file: UploadFile
    timezone: str | None = None
    """The zone of the report's times (an IANA name); the venue's if not given."""


class PlanMember(Struct):
    registration_id: int
    name: str
    expected: bool


class SittingPlan(Struct):
    """One sitting's seat plan of a delegation: its in-person delegates, those expected ticked."""

    sitting_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    seats_at_table: int
    members: list[PlanMember]
