"""Seats at the table: how many of a delegation may sit in the room at once, and who is expected to.

A delegation holds in-person badges (its in-person quota, see :mod:`convene.delegations.places`)
and, separately, seats at the table: the session's number (UN practice: two) unless the
secretariat set another for that delegation. A focal point names, per sitting, who is expected
to sit; the door does not enforce the plan (delegations rotate), the desk sees it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from convene.accounts.access import Actor
from convene.api.patches import given_fields
from convene.db import columns, locked_transaction
from convene.delegations.access import delegation_for
from convene.delegations.tables import Delegation, Registration
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.entities.categories import alphabetical_key
from convene.errors import RuleViolation
from convene.events.bus import publish
from convene.meetings.lookups import session_row
from convene.meetings.timezones import as_utc
from convene.presence.events import HybridSetupChanged
from convene.presence.people import PERSON_COLUMNS, ensure_held, person_name, sitting_at
from convene.presence.schemas import (
    DelegationSeatsIn,
    HybridSetupIn,
    HybridSetupOut,
    PlanMember,
    SeatPlanIn,
    SittingPlan,
)
from convene.presence.tables import DelegationSeats, HybridSetup, SeatPlan
from convene.sittings.tables import Sitting
from convene.statements import among
from convene.translation import gettext, ngettext

DEFAULT_SEATS_AT_TABLE = 2
"""Two representatives of each State in the room at any given time (UN hybrid practice)."""


async def hybrid_setup(session_id: int) -> HybridSetupOut:
    """The session's seats at the table and webcast link (the defaults until set)."""
    await session_row(session_id)
    row = await HybridSetup.select().where(HybridSetup.session == session_id).first()
    if row is None:
        return HybridSetupOut(session_id, DEFAULT_SEATS_AT_TABLE, "")
    return HybridSetupOut(session_id, row["seats_at_table"], row["listening_link"])


async def update_hybrid_setup(actor: Actor, session_id: int, data: HybridSetupIn) -> HybridSetupOut:
    async with locked_transaction(f"hybrid-setup:{session_id}"):
        before = await hybrid_setup(session_id)
        values: dict[str, Any] = {
            "seats_at_table": before.seats_at_table,
            "listening_link": before.listening_link,
        } | given_fields(data)
        if await HybridSetup.exists().where(HybridSetup.session == session_id):
            await HybridSetup.update(columns(values)).where(HybridSetup.session == session_id)
        else:
            await HybridSetup.insert(
                HybridSetup(
                    session=session_id,
                    seats_at_table=values["seats_at_table"],
                    listening_link=values["listening_link"],
                )
            )
        await publish(
            HybridSetupChanged(
                actor=actor,
                action="hybrid_setup.changed",
                object_id=session_id,
                session_id=session_id,
                before=_plain(before),
                after=values,
            )
        )
    return HybridSetupOut(session_id, values["seats_at_table"], values["listening_link"])


def _plain(setup: HybridSetupOut) -> dict[str, Any]:
    return {"seats_at_table": setup.seats_at_table, "listening_link": setup.listening_link}


def _seats_query(at_hand: str) -> str:
    return f"""
SELECT d.id AS delegation, COALESCE(own.seats_at_table, setup.seats_at_table, {{}}) AS seats
FROM {Delegation._meta.tablename} AS d
LEFT JOIN {DelegationSeats._meta.tablename} AS own ON own.delegation = d.id
LEFT JOIN {HybridSetup._meta.tablename} AS setup ON setup.session = d.session
WHERE d.session = {{}} AND d.id {at_hand}
"""


async def seats_by_delegation(session_id: int, delegation_ids: set[int]) -> dict[int, int]:
    """Each delegation's seats at the table: its own if the secretariat set it, else the
    session's (UN practice, two, until set). One query: the door asks at every turn."""
    if not delegation_ids:
        return {}
    at_hand, arguments = among(delegation_ids)
    query = _seats_query(at_hand)
    rows = await DelegationSeats.raw(query, DEFAULT_SEATS_AT_TABLE, session_id, *arguments)
    return {row["delegation"]: int(row["seats"]) for row in rows}


async def set_delegation_seats(actor: Actor, delegation_id: int, data: DelegationSeatsIn) -> int:
    """The secretariat's override for one delegation (``None`` returns it to the session's)."""
    delegation = await delegation_for(actor, delegation_id)
    async with locked_transaction(f"hybrid-setup:{delegation['session']}"):
        before = await seats_by_delegation(delegation["session"], {delegation_id})
        await DelegationSeats.delete().where(DelegationSeats.delegation == delegation_id)
        if data.seats_at_table is not None:
            await DelegationSeats.insert(
                DelegationSeats(delegation=delegation_id, seats_at_table=data.seats_at_table)
            )
        after = await seats_by_delegation(delegation["session"], {delegation_id})
        await publish(
            HybridSetupChanged(
                actor=actor,
                action="delegation.seats_changed",
                object_id=delegation["session"],
                session_id=delegation["session"],
                before={"delegation": delegation_id, "seats_at_table": before[delegation_id]},
                after={"delegation": delegation_id, "seats_at_table": after[delegation_id]},
            )
        )
    return after[delegation_id]


async def set_seat_plan(
    actor: Actor, sitting_id: int, delegation_id: int, data: SeatPlanIn
) -> list[int]:
    """Who of the delegation the focal point expects at the table at this sitting."""
    delegation = await delegation_for(actor, delegation_id)
    sitting = await sitting_at(sitting_id)
    if sitting.session_id != delegation["session"]:
        raise RuleViolation(
            gettext("The sitting is not of this delegation's session"),
            field="sitting_id",
            status_code=404,
        )
    ensure_held(sitting)
    wanted = list(dict.fromkeys(data.registration_ids))
    seats = (await seats_by_delegation(sitting.session_id, {delegation_id}))[delegation_id]
    if len(wanted) > seats:
        raise RuleViolation(
            ngettext(
                "The delegation has %(num)s seat at the table; name at most %(num)s",
                "The delegation has %(num)s seats at the table; name at most %(num)s",
                seats,
            ),
            field="registration_ids",
            status_code=422,
        )
    await _check_badge_holders(delegation_id, wanted)
    async with locked_transaction(f"seat-plan:{sitting_id}:{delegation_id}"):
        await SeatPlan.delete().where(
            (SeatPlan.sitting == sitting_id) & (SeatPlan.delegation == delegation_id)
        )
        if wanted:
            await SeatPlan.insert(
                *(
                    SeatPlan(sitting=sitting_id, delegation=delegation_id, registration=rid)
                    for rid in wanted
                )
            )
        await publish(
            HybridSetupChanged(
                actor=actor,
                action="sitting.seat_plan_changed",
                object_id=sitting_id,
                session_id=sitting.session_id,
                after={"delegation": delegation_id, "registrations": wanted},
            )
        )
    return wanted


async def seat_plans(actor: Actor, delegation_id: int) -> list[SittingPlan]:
    """The delegation's seat plan for each sitting not yet over, as its focal point sets it."""
    delegation = await delegation_for(actor, delegation_id)
    seats = (await seats_by_delegation(delegation["session"], {delegation_id}))[delegation_id]
    now = datetime.now(UTC)
    sittings = (
        await Sitting.select(Sitting.id, Sitting.title, Sitting.starts_at, Sitting.ends_at)
        .where(
            (Sitting.session == delegation["session"])
            & (Sitting.status != "cancelled")
            & (Sitting.ends_at > now)
        )
        .order_by(Sitting.starts_at)
    )
    members = await Registration.select(*PERSON_COLUMNS).where(
        (Registration.delegation == delegation_id)
        & (Registration.status == RegistrationStatus.APPROVED.value)
        & (Registration.mode == AttendanceMode.IN_PERSON.value)
    )
    members.sort(key=lambda m: (alphabetical_key(m["family_name"]), m["given_name"]))
    planned = await SeatPlan.select(SeatPlan.sitting, SeatPlan.registration).where(
        SeatPlan.delegation == delegation_id
    )
    expected = {(row["sitting"], row["registration"]) for row in planned}
    return [
        SittingPlan(
            sitting_id=s["id"],
            title=s["title"],
            starts_at=as_utc(s["starts_at"]),
            ends_at=as_utc(s["ends_at"]),
            seats_at_table=seats,
            members=[
                PlanMember(m["id"], person_name(m), (s["id"], m["id"]) in expected) for m in members
            ],
        )
        for s in sittings
    ]


async def _check_badge_holders(delegation_id: int, registration_ids: list[int]) -> None:
    if not registration_ids:
        return
    holders = await Registration.select(Registration.id).where(
        Registration.id.is_in(registration_ids)
        & (Registration.delegation == delegation_id)
        & (Registration.status == RegistrationStatus.APPROVED.value)
        & (Registration.mode == AttendanceMode.IN_PERSON.value)
    )
    missing = set(registration_ids) - {row["id"] for row in holders}
    if missing:
        raise RuleViolation(
            gettext(
                "Only the delegation's approved in-person delegates can be expected at the table"
                " (not %(ids)s)",
                ids=", ".join(str(i) for i in sorted(missing)),
            ),
            field="registration_ids",
            status_code=422,
        )
