# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. DoorScan.sitting.session, as "Column | Any".)
"""Attendance that comes from presence: who was actually at each sitting, and how.

A person attended a sitting in the room when the door let them in (an accepted scan in),
online when they joined through their link or the platform's report names them. Someone
both in the room and online at one sitting counts in the room; across the session, a person
counts in the mode in which they attended most fully (room, then speaking, then listening).
An approved registration with no presence at all is "registered, not attended".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from convene.delegations.tables import Registration
from convene.delegations.vocabulary import MODE_LABELS, AttendanceMode, RegistrationStatus
from convene.entities.categories import (
    LIST_GROUP_HEADINGS,
    REGIONAL_GROUP_LABELS,
    Category,
    RegionalGroup,
    alphabetical_key,
)
from convene.meetings.timezones import as_utc
from convene.presence.people import person_name, sitting_at
from convene.presence.tables import DoorScan, OnlineVisit
from convene.presence.vocabulary import OnlineMode, ScanOutcome
from convene.spreadsheets import Table

MODE_ORDER = [
    AttendanceMode.IN_PERSON.value,
    AttendanceMode.ONLINE_SPEAKING.value,
    AttendanceMode.ONLINE_LISTENING.value,
]
ONLINE_MODES = {
    OnlineMode.SPEAKING.value: AttendanceMode.ONLINE_SPEAKING.value,
    OnlineMode.LISTENING.value: AttendanceMode.ONLINE_LISTENING.value,
}
NOT_ATTENDED = "Registered, not attended"

Presence = dict[int, dict[int, str]]
"""Registration → sitting → the mode (an :class:`AttendanceMode` value) they attended it in."""


def _better(first: str | None, second: str) -> str:
    """The fuller of two modes: the room, then speaking, then listening."""
    if first is None:
        return second
    return min(first, second, key=MODE_ORDER.index)


async def session_presence(session_id: int) -> Presence:
    """Who attended which sitting of the session, and how."""
    entered = await DoorScan.select(DoorScan.registration, DoorScan.sitting).where(
        (DoorScan.sitting.session == session_id) & (DoorScan.outcome == ScanOutcome.ENTERED.value)
    )
    online = await OnlineVisit.select(
        OnlineVisit.registration, OnlineVisit.sitting, OnlineVisit.mode
    ).where(OnlineVisit.sitting.session == session_id)
    presence: Presence = defaultdict(dict)
    for row in entered:
        presence[row["registration"]][row["sitting"]] = AttendanceMode.IN_PERSON.value
    for row in online:
        sittings = presence[row["registration"]]
        sittings[row["sitting"]] = _better(sittings.get(row["sitting"]), ONLINE_MODES[row["mode"]])
    return presence


def attended_mode(sittings: dict[int, str]) -> str | None:
    """The mode a person attended the session in, over all its sittings (None: not at all)."""
    best: str | None = None
    for mode in sittings.values():
        best = _better(best, mode)
    return best


async def presence_recorded(session_id: int) -> bool:
    """Whether the door or the join links have recorded anyone at this session's sittings."""
    door = await DoorScan.exists().where(
        (DoorScan.sitting.session == session_id) & (DoorScan.outcome == ScanOutcome.ENTERED.value)
    )
    return door or await OnlineVisit.exists().where(OnlineVisit.sitting.session == session_id)


def attended_rows(rows: list[dict[str, Any]], presence: Presence) -> list[dict[str, Any]]:
    """Registrations (with ``id`` and ``mode``) of those who attended, in the mode they attended."""
    attended = []
    for row in rows:
        mode = attended_mode(presence.get(row["id"], {}))
        if mode is not None:
            attended.append(row | {"mode": mode})
    return attended


async def sitting_checks(session_id: int, presence: Presence) -> list[dict[str, Any]]:
    """One row per person and sitting attended, shaped as the attendance report's check-ins."""
    ids = list(presence)
    if not ids:
        return []
    people = await Registration.select(
        Registration.id,
        Registration.delegation,
        Registration.delegation.entity.short_name.as_alias("entity_name"),
    ).where(Registration.id.is_in(ids))
    return [
        {
            "registration": row["id"],
            "sitting": sitting,
            "delegation": row["delegation"],
            "entity_name": row["entity_name"],
        }
        for row in people
        for sitting in presence[row["id"]]
    ]


HEADER = [
    "Delegation",
    "Category",
    "Regional group",
    "Name",
    "Registered as",
    "Attended",
    "In the room from",
    "Online from",
]


async def sitting_attendance_table(sitting_id: int) -> Table:
    """Every approved registration of the session at this sitting: how they attended, or not."""
    sitting = await sitting_at(sitting_id)
    entity = Registration.delegation.entity
    people = await Registration.select(
        Registration.id,
        Registration.honorific,
        Registration.given_name,
        Registration.family_name,
        Registration.mode,
        entity.short_name.as_alias("entity"),
        entity.category.as_alias("category"),
        entity.regional_group.as_alias("regional_group"),
    ).where(
        (Registration.session == sitting.session_id)
        & (Registration.status == RegistrationStatus.APPROVED.value)
    )
    first_in = _first(
        await DoorScan.select(DoorScan.registration, DoorScan.scanned_at.as_alias("at")).where(
            (DoorScan.sitting == sitting_id) & (DoorScan.outcome == ScanOutcome.ENTERED.value)
        )
    )
    online = await OnlineVisit.select(
        OnlineVisit.registration, OnlineVisit.mode, OnlineVisit.joined_at.as_alias("at")
    ).where(OnlineVisit.sitting == sitting_id)
    first_online = _first(online)
    online_mode: dict[int, str] = {}
    for row in online:
        online_mode[row["registration"]] = _better(
            online_mode.get(row["registration"]), ONLINE_MODES[row["mode"]]
        )
    people.sort(
        key=lambda r: (
            Category(r["category"]).list_group,
            alphabetical_key(r["entity"]),
            alphabetical_key(r["family_name"]),
        )
    )
    table: list[list[str]] = [HEADER]
    for row in people:
        rid = row["id"]
        mode = AttendanceMode.IN_PERSON.value if rid in first_in else online_mode.get(rid)
        table.append(
            [
                row["entity"],
                LIST_GROUP_HEADINGS[Category(row["category"]).list_group],
                REGIONAL_GROUP_LABELS[RegionalGroup(row["regional_group"])]
                if row["regional_group"]
                else "",
                person_name(row),
                MODE_LABELS[AttendanceMode(row["mode"])],
                MODE_LABELS[AttendanceMode(mode)] if mode else NOT_ATTENDED,
                sitting.clock(first_in[rid]) if rid in first_in else "",
                sitting.clock(first_online[rid]) if rid in first_online else "",
            ]
        )
    return table


def _first(rows: list[dict[str, Any]]) -> dict[int, datetime]:
    """Each registration's earliest ``at``."""
    first: dict[int, datetime] = {}
    for row in rows:
        at = as_utc(row["at"])
        if row["registration"] not in first or at < first[row["registration"]]:
            first[row["registration"]] = at
    return first
