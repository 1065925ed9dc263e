"""Finding a session by id: the one place a missing session is answered 404.

Kept apart from the session rules (:mod:`convene.meetings.services`), which
build on sittings (a session's dates must hold its sittings): sittings, agenda,
officers and delegations find their session here without importing those rules.
"""

from __future__ import annotations

from typing import Any

from convene.errors import NotFound
from convene.meetings.tables import Session, SessionPart
from convene.meetings.vocabulary import PUBLIC_STATUSES
from convene.translation import gettext


async def session_row(session_id: int, *, include_drafts: bool = True) -> dict[str, Any]:
    """The session as stored, or 404.

    ``include_drafts=False`` answers 404 for a draft too, as the public must not know of it.
    """
    row = await Session.select().where(Session.id == session_id).first()
    if row is None or (not include_drafts and row["status"] not in PUBLIC_STATUSES):
        raise NotFound(gettext("Session not found"))
    return row


def sessions_of_body(code: str) -> Any:
    """The ids of the sessions body ``code`` holds (alone or jointly), as a subquery."""
    return SessionPart.select(SessionPart.session).where(SessionPart.body.code == code)
