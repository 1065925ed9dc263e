"""Finding a delegation or a registration by id, and who may act on it.

The ``*_row`` functions are the one place a missing delegation or registration becomes a 404;
the ``*_for`` functions add who may act on it: the secretariat, the delegation's focal point,
and for some acts the registered person. Anyone else gets the same 404, so a focal point
cannot learn which ids another entity's objects have.
"""

from __future__ import annotations

from typing import Any

from convene.accounts.access import Actor, can_manage_entity, ensure_entity_access
from convene.accounts.roles import Role
from convene.delegations.tables import Delegation, Registration
from convene.errors import NotFound
from convene.translation import N_, gettext


async def delegation_row(delegation_id: int) -> dict[str, Any]:
    """The delegation as stored, or 404."""
    row = await Delegation.select().where(Delegation.id == delegation_id).first()
    if row is None:
        raise NotFound(gettext("Delegation not found"))
    return row


async def registration_row(registration_id: int) -> dict[str, Any]:
    """The registration as stored, with its entity's id (``entity_id``), or 404."""
    row = (
        await Registration.select(
            *Registration.all_columns(), Registration.delegation.entity.as_alias("entity_id")
        )
        .where(Registration.id == registration_id)
        .first()
    )
    if row is None:
        raise NotFound(gettext("Registration not found"))
    return row


async def delegation_for(actor: Actor, delegation_id: int) -> dict[str, Any]:
    """The delegation, if ``actor`` may manage it; otherwise it does not exist for them."""
    row = await delegation_row(delegation_id)
    ensure_entity_access(actor, row["entity"], N_("Delegation not found"))
    return row


async def registration_for(
    actor: Actor, registration_id: int, *, self_service: bool = False
) -> dict[str, Any]:
    """The registration with its entity id, or 404 for anyone who may not act on it.

    ``self_service`` lets the registered delegate act too (see or cancel their own).
    """
    row = await registration_row(registration_id)
    own = (
        self_service
        and actor is not None
        and actor.role == Role.DELEGATE.value
        and actor.email == row["email"]
    )
    if not (own or can_manage_entity(actor, row["entity_id"])):
        raise NotFound(gettext("Registration not found"))
    return row
