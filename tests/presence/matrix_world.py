"""The objects the access matrix (tests/accounts/test_access_matrix.py) points at for hybrid sittings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from convene.db import current_engine
from convene.delegations.tables import Delegation, Registration
from convene.meetings.tables import Body, Session, SessionPart
from convene.presence.online import join_token
from convene.sittings.tables import Sitting

PRESENCE_BODY = "PRESENCE-MATRIX"
PRESENCE_BADGE = "PRESENCE01"
ZOOM_REPORT = (
    b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    b"Delegate,delegate@austria.example,08/31/2020 10:01:02 AM,08/31/2020 12:00:00 PM,119,Yes\n"
)


async def build_presence(world: Any, _client: Any) -> None:
    """A hybrid session of today with a sitting under way; A's delegation: a badge holder, and the
    delegate of A following online (speaking), whose personal join link the cases use."""
    today = datetime.now(ZoneInfo("Europe/Vienna")).date()
    now = datetime.now(UTC)
    async with current_engine().transaction():
        body = Body(
            code=PRESENCE_BODY,
            name="Presence Matrix Group",
            short_name="Presence",
            symbol_prefix="CAC/PRM",
            admitted_categories="state_party",
        )
        await body.save()
        session = Session(
            start_date=today - timedelta(days=1),
            end_date=today + timedelta(days=1),
            timezone="Europe/Vienna",
            venue_name="Vienna International Centre",
            city="Vienna",
            format="hybrid",
            status="scheduled",
            symbol_prefix="CAC/PRM/2099",
            admitted_categories="state_party",
            in_person_quota=2,
            online_speaking_quota=2,
            room_capacity=10,
            join_link="https://meet.example.org/presence-matrix",
        )
        await session.save()
        await SessionPart(session=session.id, body=body.id, kind="regular", number=1).save()
        sitting = Sitting(
            session=session.id,
            title="1st meeting",
            starts_at=now - timedelta(minutes=30),
            ends_at=now + timedelta(hours=2),
            room="Room P",
        )
        await sitting.save()
        delegation = Delegation(session=session.id, entity=world.ids["entity_a"])
        await delegation.save()
        holder = Registration(
            delegation=delegation.id,
            session=session.id,
            given_name="Paul",
            family_name="Presence",
            email="paul.presence@austria.example",
            mode="in_person",
            status="approved",
            badge_code=PRESENCE_BADGE,
        )
        await holder.save()
        online = Registration(
            delegation=delegation.id,
            session=session.id,
            given_name="Dana",
            family_name="Delegate",
            email="delegate@austria.example",
            mode="online_speaking",
            status="approved",
            badge_code="PRESENCE02",
        )
        await online.save()
    world.ids.update(
        presence_session=session.id,
        presence_sitting=sitting.id,
        presence_delegation=delegation.id,
        presence_badge_holder=holder.id,
        presence_online=online.id,
    )
    world.ids["presence_token"] = join_token(
        world.app.state.settings.secret_key, online.id, sitting.id
    )
