"""Who may act on a registration: the secretariat, the delegation's focal point, the person."""

from __future__ import annotations

from typing import Any

from convene.accounts.access import can_manage_entity
from convene.accounts.roles import Role
from convene.delegations.tables import Registration
from convene.errors import NotFound


async def registration_for(
    actor: Any, registration_id: int, *, self_service: bool = False
) -> dict[str, Any]:
    """The registration with its entity id, or 404 for anyone who may not act on it.

    ``self_service`` lets the registered delegate act too (see or cancel their own).
    """
    row = (
        await Registration.select(
            Registration.all_columns(), Registration.delegation.entity.as_alias("entity_id")
        )
        .where(Registration.id == registration_id)
        .first()
    )
    if row is None:
        raise NotFound("Registration")
    own = (
        self_service
        and actor is not None
        and actor.role == Role.DELEGATE.value
        and actor.email == row["email"]
    )
    if not (own or can_manage_entity(actor, row["entity_id"])):
        raise NotFound("Registration")
    return row
