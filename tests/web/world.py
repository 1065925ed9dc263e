"""The objects the access matrix (tests/accounts/test_access_matrix.py) points at for the web pages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from convene.agenda.tables import AgendaItem, Document
from convene.db import current_engine
from convene.delegations.tables import Delegation, Registration
from convene.meetings.tables import Body, Officer, Session, SessionPart
from convene.sittings.tables import Sitting

WEB_BODY = "WEB-MATRIX"
CHECK_IN_BADGE = "WEBMATRIX2"


def _session(**fields: Any) -> Session:
    return Session(
        **{
            "start_date": date(2099, 6, 14),
            "end_date": date(2099, 6, 18),
            "timezone": "Europe/Vienna",
            "venue_name": "Vienna International Centre",
            "city": "Vienna",
            "format": "hybrid",
            "status": "scheduled",
            "symbol_prefix": "CAC/WEB/2099",
            "admitted_categories": "state_party",
            "in_person_quota": 2,
            "online_speaking_quota": 2,
        }
        | fields
    )


async def build_web(world: Any, _client: Any) -> None:
    """A scheduled hybrid session with its agenda, a sitting, an officer and A's delegation of two."""
    async with current_engine().transaction():
        body = Body(
            code=WEB_BODY,
            name="Web Matrix Group",
            short_name="Web",
            symbol_prefix="CAC/WEB",
            admitted_categories="state_party",
        )
        await body.save()
        session, other = (
            _session(),
            _session(
                symbol_prefix="CAC/WEB/2098",
                start_date=date(2098, 6, 14),
                end_date=date(2098, 6, 18),
            ),
        )
        await session.save()
        await other.save()
        await SessionPart(session=session.id, body=body.id, kind="regular", number=1).save()
        await SessionPart(session=other.id, body=body.id, kind="regular", number=2).save()
        items = [AgendaItem(session=session.id, position=n, title=f"Item {n}") for n in (1, 2)]
        for item in items:
            await item.save()
        document = Document(
            session=session.id, agenda_item=items[0].id, symbol="CAC/WEB/2099/1", title="Agenda"
        )
        await document.save()
        sitting = Sitting(
            session=session.id,
            title="1st meeting",
            starts_at=datetime(2099, 6, 14, 8, tzinfo=UTC),
            ends_at=datetime(2099, 6, 14, 11, tzinfo=UTC),
            room="Room W",
        )
        await sitting.save()
        officer = Officer(session=session.id, role="chair", name="Ms. Chair", position=1)
        await officer.save()
        delegation = Delegation(session=session.id, entity=world.ids["entity_a"])
        await delegation.save()
        waiting = Registration(
            delegation=delegation.id,
            session=session.id,
            given_name="Dana",
            family_name="Delegate",
            email="delegate@austria.example",
            mode="in_person",
            status="submitted",
            badge_code="WEBMATRIX1",
        )
        await waiting.save()
        await Registration(
            delegation=delegation.id,
            session=session.id,
            given_name="Anton",
            family_name="Arrival",
            email="anton@austria.example",
            mode="in_person",
            status="approved",
            badge_code=CHECK_IN_BADGE,
        ).save()
        rejected = Registration(
            delegation=delegation.id,
            session=session.id,
            given_name="Rita",
            family_name="Rejected",
            email="rita@austria.example",
            mode="online_listening",
            status="rejected",
            badge_code="WEBMATRIX3",
        )
        await rejected.save()
    world.ids |= {
        "web_registration_rejected": rejected.id,
        "web_session": session.id,
        "web_session_unopened": other.id,
        "web_item": items[0].id,
        "web_document": document.id,
        "web_sitting": sitting.id,
        "web_officer": officer.id,
        "web_delegation": delegation.id,
        "web_registration": waiting.id,
    }
