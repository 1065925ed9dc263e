"""The calendar objects the access matrix (tests/accounts/test_access_matrix.py) points at."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from convene.accounts.tokens import token_hash
from convene.calendar.tables import CalendarFeed
from convene.db import current_engine
from convene.meetings.tables import Body, Session, SessionPart
from convene.sittings.tables import Sitting

MATRIX_BODY = "CAL-MATRIX"
MATRIX_FEED_TOKEN = "matrix-personal-feed-token"
"""The delegate's feed token; only its hash is stored, as the app stores it."""


async def build_calendar(world: Any, _client: Any) -> None:
    """A body with a scheduled session and a sitting, and a feed link for the delegate."""
    async with current_engine().transaction():
        body = Body(
            code=MATRIX_BODY,
            name="Calendar Matrix Group",
            short_name="Matrix",
            symbol_prefix="CAC/MATRIX",
            admitted_categories="state_party",
        )
        await body.save()
        session = Session(
            start_date=date(2020, 8, 31),
            end_date=date(2020, 9, 2),
            timezone="Europe/Vienna",
            venue_name="Vienna International Centre",
            city="Vienna",
            format="hybrid",
            status="scheduled",
            symbol_prefix="CAC/MATRIX/2020",
            admitted_categories="state_party",
        )
        await session.save()
        await SessionPart(session=session.id, body=body.id, kind="regular", number=1).save()
        await Sitting(
            session=session.id,
            title="1st meeting",
            starts_at=datetime(2020, 8, 31, 8, tzinfo=UTC),
            ends_at=datetime(2020, 8, 31, 11, tzinfo=UTC),
            room="Board Room D",
        ).save()
        await CalendarFeed(
            account=world.ids["delegate"], token_hash=token_hash(MATRIX_FEED_TOKEN), nonce="matrix"
        ).save()
    world.ids["calendar_session"] = session.id
