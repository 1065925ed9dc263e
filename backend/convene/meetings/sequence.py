"""A session's iCalendar SEQUENCE: raised with every change its all-day calendar event shows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from convene.meetings.lookups import sessions_of_body
from convene.meetings.tables import Session

SHOWN_IN_CALENDARS = ("title", "start_date", "end_date", "venue_name", "city", "format", "status")
"""What a calendar's event of a session shows (its title, days, place, format, status)."""


async def raise_sequence(where: Any) -> None:
    """The sessions' calendar events changed: a higher SEQUENCE, and a new modification time."""
    await Session.update(
        {Session.sequence: Session.sequence + 1, Session.updated_at: datetime.now(UTC)}
    ).where(where)


async def raise_sequence_of_body(code: str) -> None:
    """A body's name is in the title of each session it holds."""
    await raise_sequence(Session.id.is_in(sessions_of_body(code)))
