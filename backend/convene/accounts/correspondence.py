"""The language each e-mail is written in: its recipient's.

A person with an account reads their mail in their account's language
(``Account.language``, which they choose on their account page). A delegate
registered by their mission without an account of their own reads it in the
language of their entity's focal point, who registered them and chose that
language for the delegation's correspondence. Anyone else: English.
"""

from __future__ import annotations

from convene.accounts.roles import Role
from convene.accounts.tables import Account
from convene.translation import ENGLISH, LANGUAGES


async def correspondence_language(email: str, *, entity_id: int | None = None) -> str:
    """The language of mail to ``email``; ``entity_id``: the entity they were registered for."""
    own = await Account.select(Account.language).where(Account.email == email).first()
    if own is None and entity_id is not None:
        own = (
            await Account.select(Account.language)
            .where(
                (Account.entity == entity_id)
                & (Account.role == Role.FOCAL_POINT.value)
                & (Account.is_active == True)  # noqa: E712 (Piccolo's comparison, not Python's)
            )
            .order_by(Account.id)
            .first()
        )
    language = own["language"] if own else ENGLISH
    return language if language in LANGUAGES else ENGLISH
