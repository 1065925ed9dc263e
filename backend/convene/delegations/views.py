# mypy: disable-error-code="union-attr"
# (Piccolo types a joined column, e.g. Registration.delegation.entity.short_name, as "Column | Any".)
"""How a registration is shown: to its focal point, to the secretariat, to the person registered.

Every answer that shows a registration (the API, the delegation and registration pages,
the queue, a delegate's own page) is assembled here, so each shows the same fields, the
same waiting-list position and hides the same personal data.
"""

from __future__ import annotations

from typing import Any

from convene.accounts.access import Actor, can_see_personal_data, is_secretariat
from convene.delegations.queue import conflicts
from convene.accounts.roles import Role
from convene.delegations.names import default_name_order
from convene.delegations.schemas import EventOut, RegistrationOut
from convene.delegations.tables import CheckIn, Registration, RegistrationEvent


async def registration_view(actor: Actor, registration_id: int) -> RegistrationOut:
    """One registration as ``actor`` sees it (the caller has checked they may see it)."""
    rows = await registration_rows(Registration.id == registration_id)
    return (await registration_views(actor, rows))[0]


async def registrations_by_id(ids: list[int]) -> dict[int, dict[str, Any]]:
    """The registrations named (with their entity), by id: those a page names by id alone."""
    rows = await registration_rows(Registration.id.is_in(ids)) if ids else []
    return {row["id"]: row for row in rows}


async def my_registrations(actor: Actor) -> list[RegistrationOut]:
    """The signed-in person's own registrations: those made with their e-mail address."""
    rows = await registration_rows(Registration.email == actor.email)
    return await registration_views(actor, rows)


async def registration_history(registration_id: int) -> list[EventOut]:
    """Every change to a registration, oldest first, with who made it."""
    rows = (
        await RegistrationEvent.select(
            *RegistrationEvent.all_columns(),
            RegistrationEvent.actor.full_name.as_alias("actor_name"),
        )
        .where(RegistrationEvent.registration == registration_id)
        .order_by(RegistrationEvent.id)
    )
    return [
        EventOut(r["at"], r["action"], r["status"], r["mode"], r["note"], r["actor_name"])
        for r in rows
    ]


async def registration_views(actor: Actor, rows: list[dict[str, Any]]) -> list[RegistrationOut]:
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
    views = [
        _registration_out(actor, row, positions.get(row["id"]), row["id"] in arrived)
        for row in rows
    ]
    reasons = await _rejection_reasons([row["id"] for row in rows if row["status"] == "rejected"])
    for view in views:
        view.decision_reason = reasons.get(view.id)
    if is_secretariat(actor) and rows:
        others = await conflicts({row["session"] for row in rows})
        for view in views:
            view.also_registered_by = others.get(view.id, [])
    return views


async def _rejection_reasons(ids: list[int]) -> dict[int, str]:
    """Each rejected registration's reason: the note of its latest rejection, if it has one."""
    if not ids:
        return {}
    rows = (
        await RegistrationEvent.select(RegistrationEvent.registration, RegistrationEvent.note)
        .where(RegistrationEvent.registration.is_in(ids) & (RegistrationEvent.action == "rejected"))
        .order_by(RegistrationEvent.id)
    )
    return {row["registration"]: row["note"] for row in rows if row["note"]}


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
    actor: Actor, row: dict[str, Any], position: int | None, arrived: bool
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
        name_order=row["name_order"]
        or default_name_order(row["given_name"], row["family_name"]).value,
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
            *Registration.all_columns(),
            Registration.delegation.entity.id.as_alias("entity_id"),
            Registration.delegation.entity.short_name.as_alias("entity"),
        )
        .where(where)
        .order_by(Registration.is_head, ascending=False)
        .order_by(Registration.id)
    )
