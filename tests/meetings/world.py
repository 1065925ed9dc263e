"""The objects the access matrix points at for the sessions, agenda, sittings and delegations API."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from convene.agenda.tables import AgendaItem, Document
from convene.db import current_engine
from convene.delegations.tables import Delegation, Registration
from convene.meetings.tables import Body, Officer, Session, SessionPart
from convene.sittings.tables import Sitting

API_BODY = "API-MATRIX"


def _session(number: int, **fields: Any) -> Session:
    return Session(
        **{
            "start_date": date(2099, 3, 2),
            "end_date": date(2099, 3, 6),
            "timezone": "Europe/Vienna",
            "venue_name": "Vienna International Centre",
            "city": "Vienna",
            "format": "hybrid",
            "status": "scheduled",
            "symbol_prefix": f"CAC/API/2099/{number}",
            "admitted_categories": "state_party",
            "in_person_quota": 2,
            "online_speaking_quota": 2,
        }
        | fields
    )


def _person(delegation: int, session: int, email: str, badge: str, **fields: Any) -> Registration:
    return Registration(
        **{
            "delegation": delegation,
            "session": session,
            "given_name": "Nina",
            "family_name": "Novak",
            "email": email,
            "mode": "in_person",
            "status": "submitted",
            "badge_code": badge,
        }
        | fields
    )


async def build_meetings(world: Any, _client: Any) -> None:
    """A scheduled and a draft session, an agenda, a sitting, an officer, A's delegation and its people."""
    async with current_engine().transaction():
        body = Body(code=API_BODY, name="API Matrix Group", short_name="API", symbol_prefix="CAC/API",
                    admitted_categories="state_party")
        await body.save()
        sessions = {"api_session": _session(1), "api_session_unopened": _session(2),
                    "api_draft": _session(3, status="draft")}
        for number, (key, session) in enumerate(sessions.items(), start=1):
            await session.save()
            await SessionPart(session=session.id, body=body.id, kind="regular", number=number).save()
            world.ids[key] = session.id
        session_id = world.ids["api_session"]
        item = AgendaItem(session=session_id, position=1, title="Organizational matters")
        await item.save()
        document = Document(session=session_id, agenda_item=item.id, symbol="CAC/API/2099/1", title="Agenda")
        await document.save()
        sitting = Sitting(session=session_id, title="1st meeting", starts_at=datetime(2099, 3, 2, 9, tzinfo=UTC),
                          ends_at=datetime(2099, 3, 2, 12, tzinfo=UTC), room="Room A")
        await sitting.save()
        officer = Officer(session=session_id, role="rapporteur", name="Mr. Rapporteur", position=1)
        await officer.save()
        delegation = Delegation(session=session_id, entity=world.ids["entity_a"])
        await delegation.save()
        own = _person(delegation.id, session_id, "delegate@austria.example", "APIOWN01")
        other = _person(delegation.id, session_id, "colleague@austria.example", "APIOTH02")
        arrived = _person(delegation.id, session_id, "present@austria.example", "APIPRS03", status="approved")
        for registration in (own, other, arrived):
            await registration.save()
    world.ids |= {
        "api_item": item.id, "api_document": document.id, "api_sitting": sitting.id, "api_officer": officer.id,
        "api_delegation": delegation.id, "api_registration_own": own.id, "api_registration_other": other.id,
        "api_registration_approved": arrived.id,
    }
