"""A session's bureau: one presiding officer (President or Chair), vice-chairs, a rapporteur."""

from __future__ import annotations

from typing import Any

import msgspec

from convene.accounts.access import Actor
from convene.api.patches import given_fields
from convene.db import columns, locked_transaction
from convene.entities.categories import Category
from convene.entities.services import entity_row
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.events import OfficerChanged
from convene.meetings.lookups import session_row
from convene.meetings.schemas import OfficerIn, OfficerOut, OfficerPatch
from convene.meetings.tables import Officer
from convene.meetings.vocabulary import OfficerRole
from convene.translation import gettext

PRESIDING_ROLES = [OfficerRole.PRESIDENT.value, OfficerRole.CHAIR.value]


async def list_officers(session_id: int) -> list[OfficerOut]:
    rows = (
        await Officer.select(*Officer.all_columns(), Officer.entity.short_name.as_alias("state"))
        .where(Officer.session == session_id)
        .order_by(Officer.position)
        .order_by(Officer.id)
    )
    return sorted((_officer_out(row) for row in rows), key=_bureau_order)


BUREAU_ORDER = {
    OfficerRole.PRESIDENT.value: 0,
    OfficerRole.CHAIR.value: 0,
    OfficerRole.VICE_PRESIDENT.value: 1,
    OfficerRole.VICE_CHAIR.value: 1,
    OfficerRole.RAPPORTEUR.value: 2,
}


def _bureau_order(officer: OfficerOut) -> int:
    """The presiding officer first, then the vice-chairs, then the rapporteur."""
    return BUREAU_ORDER[officer.role]


def _officer_out(row: dict[str, Any]) -> OfficerOut:
    return OfficerOut(
        id=row["id"],
        role=row["role"],
        role_label=OfficerRole(row["role"]).label,
        honorific=row["honorific"],
        name=row["name"],
        entity_id=row["entity"],
        state=row["state"],
    )


async def add_officer(actor: Actor, session_id: int, data: OfficerIn) -> OfficerOut:
    async with locked_transaction(f"officers:{session_id}"):
        await session_row(session_id)
        await _check_officer(session_id, data.role, data.entity_id, officer_id=None)
        count = await Officer.count().where(Officer.session == session_id)
        officer = Officer(
            session=session_id,
            role=data.role.value,
            honorific=data.honorific,
            name=data.name,
            entity=data.entity_id,
            position=count + 1,
        )
        await officer.save()
        added = await get_officer(officer.id)
        await publish(
            OfficerChanged(
                actor=actor,
                action="officer.added",
                object_id=officer.id,
                after=_audited(added),
                session_id=session_id,
            )
        )
    return added


async def update_officer(actor: Actor, officer_id: int, patch: OfficerPatch) -> OfficerOut:
    current = await _officer(officer_id)
    changes = given_fields(patch)
    async with locked_transaction(f"officers:{current['session']}"):
        role = OfficerRole(changes.get("role", current["role"]))
        entity_id = changes.get("entity_id", current["entity"])
        await _check_officer(current["session"], role, entity_id, officer_id=officer_id)
        if "entity_id" in changes:
            changes["entity"] = changes.pop("entity_id")
        if "role" in changes:
            changes["role"] = role.value
        before = _audited(await get_officer(officer_id))
        if changes:
            await Officer.update(columns(changes)).where(Officer.id == officer_id)
        updated = await get_officer(officer_id)
        await publish(
            OfficerChanged(
                actor=actor,
                action="officer.changed",
                object_id=officer_id,
                before=before,
                after=_audited(updated),
                session_id=current["session"],
            )
        )
    return updated


def _audited(officer: OfficerOut) -> dict[str, Any]:
    return msgspec.structs.asdict(officer)


async def remove_officer(actor: Actor, officer_id: int) -> None:
    officer = await get_officer(officer_id)
    session_id = await officer_session(officer_id)
    async with locked_transaction(f"officers:{session_id}"):
        await Officer.delete().where(Officer.id == officer_id)
        await publish(
            OfficerChanged(
                actor=actor,
                action="officer.removed",
                object_id=officer_id,
                before=_audited(officer),
                session_id=session_id,
            )
        )


async def get_officer(officer_id: int) -> OfficerOut:
    return _officer_out(await _officer(officer_id))


async def officer_session(officer_id: int) -> int:
    """The session whose bureau the officer sits on (404 if there is no such officer)."""
    return (await _officer(officer_id))["session"]


async def _officer(officer_id: int) -> dict[str, Any]:
    """The officer as stored, with their State's name (``state``), or 404.

    The one place a missing officer is answered.
    """
    row = (
        await Officer.select(*Officer.all_columns(), Officer.entity.short_name.as_alias("state"))
        .where(Officer.id == officer_id)
        .first()
    )
    if row is None:
        raise NotFound(gettext("Officer not found"))
    return row


async def _check_officer(
    session_id: int, role: OfficerRole, entity_id: int | None, *, officer_id: int | None
) -> None:
    if entity_id is not None:
        entity = await entity_row(entity_id)
        if entity is None:
            raise RuleViolation(
                gettext("There is no such State"),
                field="entity_id",
                status_code=422,
            )
        if not Category(entity["category"]).is_state:
            raise RuleViolation(
                gettext("An officer comes from a State"),
                field="entity_id",
                status_code=422,
            )
    if role.presides:
        presiding = Officer.select(Officer.name).where(
            (Officer.session == session_id) & Officer.role.is_in(PRESIDING_ROLES)
        )
        if officer_id is not None:
            presiding = presiding.where(Officer.id != officer_id)
        if existing := await presiding.first():
            raise RuleViolation(
                gettext(
                    "The session already has a presiding officer (%(name)s)", name=existing["name"]
                ),
                field="role",
            )
