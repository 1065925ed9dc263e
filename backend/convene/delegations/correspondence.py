"""The language of a registered person's mail (see :mod:`convene.accounts.correspondence`)."""

from __future__ import annotations

from convene.accounts.correspondence import correspondence_language
from convene.delegations.tables import Registration


async def registrant_language(email: str, registration_id: int) -> str:
    """Their account's language, else their entity's focal point's, else English."""
    row = (
        await Registration.select(Registration.delegation.entity.as_alias("entity"))
        .where(Registration.id == registration_id)
        .first()
    )
    return await correspondence_language(email, entity_id=row["entity"] if row else None)
