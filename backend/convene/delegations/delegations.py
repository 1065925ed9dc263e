"""Delegations: one per entity and session, managed by its focal point and the secretariat."""

from __future__ import annotations

from typing import Any

from convene.accounts.access import can_see_personal_data, ensure_entity_access, is_secretariat
from convene.accounts.roles import Role
from convene.api.patches import given_fields
from convene.db import locked_transaction
from convene.delegations.events import DelegationChanged
from convene.delegations.places import Limits, Taken, places_view, registration_lock, seats_taken
from convene.delegations.schemas import (
    DelegationIn,
    DelegationOut,
    DelegationPatch,
    RegistrationOut,
)
from convene.delegations.tables import CheckIn, Delegation, Registration
from convene.delegations.vocabulary import HOLDING, AttendanceMode
from convene.entities.categories import Category
from convene.entities.tables import Entity
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.bodies import split_codes
from convene.meetings.tables import Session


async def create_delegation(actor: Any, session_id: int, data: DelegationIn) -> DelegationOut:
    """Open an entity's delegation to a session, if the session admits its category."""
    entity_id = data.entity_id if is_secretariat(actor) else getattr(actor, "entity", None)
    if entity_id is None:
        raise RuleViolation(
            "Name the entity the delegation represents", field="entity_id", status_code=422
        )
    async with locked_transaction(registration_lock(session_id)):
        session = await Session.select().where(Session.id == session_id).first()
        if session is None or (session["status"] == "draft" and not is_secretariat(actor)):
            raise NotFound("Session")
        entity = await Entity.select().where(Entity.id == entity_id).first()
        if entity is None:
            raise RuleViolation("There is no such entity", field="entity_id", status_code=422)
        if entity["category"] not in split_codes(session["admitted_categories"]):
            category = Category(entity["category"]).value.replace("_", " ")
            raise RuleViolation(
                f"This session does not admit delegations of {category}s", field="entity_id"
            )
        if await Delegation.exists().where(
            (Delegation.session == session_id) & (Delegation.entity == entity_id)
        ):
            raise RuleViolation(
                f"{entity['short_name']} already has a delegation to this session",
                field="entity_id",
            )
        delegation = Delegation(
            session=session_id, entity=entity_id, credentials_reference=data.credentials_reference
        )
        await delegation.save()
        await publish(
            DelegationChanged(
                actor=actor,
                action="delegation.created",
                object_id=delegation.id,
                after={
                    "entity": entity["short_name"],
                    "credentials_reference": data.credentials_reference,
                },
                session_id=session_id,
            )
        )
    return await get_delegation(actor, delegation.id)


async def update_delegation(
    actor: Any, delegation_id: int, patch: DelegationPatch
) -> DelegationOut:
    row = await delegation_row(actor, delegation_id)
    changes = given_fields(patch)
    if not is_secretariat(actor) and {"in_person_quota", "online_speaking_quota"} & changes.keys():
        raise RuleViolation(
            "Only the secretariat changes a delegation's quotas",
            field="in_person_quota",
            status_code=403,
        )
    async with locked_transaction(registration_lock(row["session"])):
        if changes:
            await Delegation.update(changes).where(Delegation.id == delegation_id)
            await publish(
                DelegationChanged(
                    actor=actor,
                    action="delegation.changed",
                    object_id=delegation_id,
                    before={k: row[k] for k in changes},
                    after=changes,
                    session_id=row["session"],
                )
            )
    return await get_delegation(actor, delegation_id)


async def delegation_row(actor: Any, delegation_id: int) -> dict[str, Any]:
    """The delegation, if ``actor`` may manage it; otherwise it does not exist for them."""
    row = await Delegation.select().where(Delegation.id == delegation_id).first()
    if row is None:
        raise NotFound("Delegation")
    ensure_entity_access(actor, row["entity"], "Delegation")
    return row


async def get_delegation(actor: Any, delegation_id: int) -> DelegationOut:
    row = await delegation_row(actor, delegation_id)
    return (await _views(actor, row["session"], Delegation.id == delegation_id))[0]


async def list_delegations(actor: Any, session_id: int) -> list[DelegationOut]:
    """The session's delegations (a focal point's own only), in a fixed number of queries."""
    where = Delegation.session == session_id
    if not is_secretariat(actor):
        where = where & (Delegation.entity == getattr(actor, "entity", None))
    return await _views(actor, session_id, where)


async def _views(actor: Any, session_id: int, where: Any) -> list[DelegationOut]:
    session = await Session.select().where(Session.id == session_id).first()
    rows = (
        await Delegation.select(
            Delegation.all_columns(),
            Delegation.entity.short_name.as_alias("entity_name"),
            Delegation.entity.category.as_alias("category"),
        )
        .where(where)
        .order_by(Delegation.id)
    )
    ids = [row["id"] for row in rows]
    members = await registration_rows(Registration.delegation.is_in(ids)) if ids else []
    views = await registration_views(actor, members)
    room = await seats_taken(session_id)
    return [
        DelegationOut(
            id=row["id"],
            session_id=row["session"],
            entity_id=row["entity"],
            entity=row["entity_name"],
            category=row["category"],
            credentials_reference=row["credentials_reference"],
            in_person_quota=row["in_person_quota"],
            online_speaking_quota=row["online_speaking_quota"],
            places=places_view(Limits.of(session, row), _held(members, row["id"], room)),
            registrations=[view for view in views if view.delegation_id == row["id"]],
        )
        for row in rows
    ]


def _held(members: list[dict[str, Any]], delegation_id: int, room: int) -> Taken:
    """The places a delegation holds, counted from its members already loaded."""
    holding = [m for m in members if m["delegation"] == delegation_id and m["status"] in HOLDING]
    return Taken(
        in_person=sum(m["mode"] == AttendanceMode.IN_PERSON.value for m in holding),
        online_speaking=sum(m["mode"] == AttendanceMode.ONLINE_SPEAKING.value for m in holding),
        room=room,
    )


async def registration_views(actor: Any, rows: list[dict[str, Any]]) -> list[RegistrationOut]:
    """Rows (with ``entity_id`` and ``entity``) as the API shows them, in a fixed number of queries."""
    ids = [row["id"] for row in rows]
    arrived = (
        {
            r["registration"]
            for r in await CheckIn.select(CheckIn.registration).where(
                CheckIn.registration.is_in(ids)
            )
        }
        if ids
        else set()
    )
    positions = await _waitlist_positions({row["session"] for row in rows})
    return [
        _registration_out(actor, row, positions.get(row["id"]), row["id"] in arrived)
        for row in rows
    ]


async def _waitlist_positions(session_ids: set[int]) -> dict[int, int]:
    positions: dict[int, int] = {}
    for session_id in session_ids:
        waiting = (
            await Registration.select(Registration.id)
            .where((Registration.session == session_id) & (Registration.status == "waitlisted"))
            .order_by(Registration.waitlisted_at)
            .order_by(Registration.id)
        )
        positions |= {row["id"]: place for place, row in enumerate(waiting, start=1)}
    return positions


def _registration_out(
    actor: Any, row: dict[str, Any], position: int | None, arrived: bool
) -> RegistrationOut:
    personal = can_see_personal_data(actor, row["entity_id"]) or (
        actor is not None and actor.role == Role.DELEGATE.value and actor.email == row["email"]
    )
    return RegistrationOut(
        id=row["id"],
        delegation_id=row["delegation"],
        session_id=row["session"],
        entity=row["entity"],
        honorific=row["honorific"],
        given_name=row["given_name"],
        family_name=row["family_name"],
        function=row["function"],
        organization=row["organization"],
        mode=row["mode"],
        status=row["status"],
        is_head=row["is_head"],
        waitlist_position=position,
        arrived=arrived,
        created_at=row["created_at"],
        email=row["email"] if personal else None,
        phone=row["phone"] if personal else None,
        badge_code=row["badge_code"] if personal else None,
    )


async def registration_rows(where: Any) -> list[dict[str, Any]]:
    """Registrations with their entity's id and short name, head of delegation first."""
    return (
        await Registration.select(
            Registration.all_columns(),
            Registration.delegation.entity.id.as_alias("entity_id"),
            Registration.delegation.entity.short_name.as_alias("entity"),
        )
        .where(where)
        .order_by(Registration.is_head, ascending=False)
        .order_by(Registration.id)
    )
