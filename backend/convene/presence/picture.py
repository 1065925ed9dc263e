# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity, as "Column | Any".)
"""The live picture of a sitting: per delegation who is in the room, online speaking or listening,
seats free; totals by mode and category; and the quorum.

Read in a handful of queries whatever the session's size; the secretariat's page reloads it
whenever the session's live stream says presence changed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from convene.delegations.tables import Registration
from convene.delegations.vocabulary import RegistrationStatus
from convene.entities.categories import LIST_GROUP_HEADINGS, Category, alphabetical_key
from convene.meetings.timezones import as_utc
from convene.presence.online import online_now
from convene.presence.people import SittingAt, person_name, sitting_at
from convene.presence.quorum import quorum, session_rule
from convene.presence.schemas import (
    Attendee,
    DelegationPicture,
    LivePicture,
    ModeTotals,
    Quorum,
)
from convene.presence.seating import seats_by_delegation
from convene.presence.tables import InRoom, OnlineVisit, SeatPlan
from convene.presence.vocabulary import OnlineMode

Row = dict[str, Any]


async def live_picture(sitting_id: int, *, now: datetime | None = None) -> LivePicture:
    sitting = await sitting_at(sitting_id)
    now = now or datetime.now(UTC)
    people = await _approved(sitting.session_id)
    inside = {
        row["registration"]: as_utc(row["since"])
        for row in await InRoom.select(InRoom.registration, InRoom.since).where(
            InRoom.sitting == sitting.id
        )
    }
    online = await _online(sitting.id, now)
    expected = {
        row["registration"]
        for row in await SeatPlan.select(SeatPlan.registration).where(
            SeatPlan.sitting == sitting.id
        )
    }
    by_delegation: dict[int, list[Row]] = defaultdict(list)
    for person in people:
        by_delegation[person["delegation"]].append(person)
    seats = await seats_by_delegation(sitting.session_id, set(by_delegation))
    delegations = sorted(
        (
            _delegation(rows, seats[delegation_id], inside, online, expected)
            for delegation_id, rows in by_delegation.items()
        ),
        key=lambda d: (Category(d.category).list_group, alphabetical_key(d.entity), d.entity),
    )
    return LivePicture(
        sitting_id=sitting.id,
        session_id=sitting.session_id,
        title=sitting.title,
        starts_at=as_utc(sitting.starts_at),
        ends_at=as_utc(sitting.ends_at),
        room=sitting.room,
        room_capacity=sitting.room_capacity,
        in_room=len(inside),
        delegations=delegations,
        by_category=_by_category(delegations),
        total=_totals("All participants", delegations),
        quorum=await _quorum(sitting, delegations),
    )


async def _approved(session_id: int) -> list[Row]:
    entity = Registration.delegation.entity
    return await Registration.select(
        Registration.id,
        Registration.honorific,
        Registration.given_name,
        Registration.family_name,
        Registration.delegation,
        entity.short_name.as_alias("entity"),
        entity.category.as_alias("category"),
        entity.regional_group.as_alias("regional_group"),
    ).where(
        (Registration.session == session_id)
        & (Registration.status == RegistrationStatus.APPROVED.value)
    )


async def _online(sitting_id: int, now: datetime) -> dict[int, tuple[str, datetime]]:
    """Who follows online now: registration → (mode, joined)."""
    rows = await OnlineVisit.select(
        OnlineVisit.registration, OnlineVisit.mode, OnlineVisit.joined_at
    ).where((OnlineVisit.sitting == sitting_id) & online_now(now))
    return {row["registration"]: (row["mode"], as_utc(row["joined_at"])) for row in rows}


def _delegation(
    rows: list[Row],
    seats: int,
    inside: dict[int, datetime],
    online: dict[int, tuple[str, datetime]],
    expected: set[int],
) -> DelegationPicture:
    rows = sorted(rows, key=lambda r: (alphabetical_key(r["family_name"]), r["given_name"]))
    in_room = [
        Attendee(r["id"], person_name(r), inside[r["id"]]) for r in rows if r["id"] in inside
    ]

    def following(mode: OnlineMode) -> list[Attendee]:
        return [
            Attendee(r["id"], person_name(r), online[r["id"]][1])
            for r in rows
            if r["id"] in online and r["id"] not in inside and online[r["id"]][0] == mode.value
        ]

    first = rows[0]
    return DelegationPicture(
        delegation_id=first["delegation"],
        entity=first["entity"],
        category=first["category"],
        regional_group=first["regional_group"],
        seats_at_table=seats,
        seats_free=max(seats - len(in_room), 0),
        in_room=in_room,
        online_speaking=following(OnlineMode.SPEAKING),
        online_listening=following(OnlineMode.LISTENING),
        expected=[Attendee(r["id"], person_name(r)) for r in rows if r["id"] in expected],
    )


def _totals(label: str, delegations: list[DelegationPicture]) -> ModeTotals:
    in_room = sum(len(d.in_room) for d in delegations)
    speaking = sum(len(d.online_speaking) for d in delegations)
    listening = sum(len(d.online_listening) for d in delegations)
    return ModeTotals(label, in_room, speaking, listening, in_room + speaking + listening)


def _by_category(delegations: list[DelegationPicture]) -> list[ModeTotals]:
    groups: dict[int, list[DelegationPicture]] = defaultdict(list)
    for delegation in delegations:
        groups[Category(delegation.category).list_group].append(delegation)
    return [_totals(LIST_GROUP_HEADINGS[group], groups[group]) for group in sorted(groups)]


async def _quorum(sitting: SittingAt, delegations: list[DelegationPicture]) -> Quorum:
    """Only States parties count, present in either mode; a delegation in the room counts there."""
    parties = [d for d in delegations if d.category == Category.STATE_PARTY.value]
    in_room = sum(1 for d in parties if d.in_room)
    online_only = sum(
        1 for d in parties if not d.in_room and (d.online_speaking or d.online_listening)
    )
    return quorum(await session_rule(sitting.session_id), len(parties), in_room, online_only)
