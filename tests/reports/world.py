"""The report objects the access matrix (tests/accounts/test_access_matrix.py) points at."""

from __future__ import annotations

from datetime import date
from typing import Any

from convene.db import current_engine
from convene.delegations.tables import Delegation, Registration
from convene.meetings.tables import Body, Session, SessionPart

MATRIX_REPORTS_BODY = "RPT-MATRIX"


async def build_reports(world: Any, _client: Any) -> None:
    """A past session whose list of participants is not published yet, with one approved delegate of A."""
    async with current_engine().transaction():
        body = Body(code=MATRIX_REPORTS_BODY, name="Reports Matrix Group", short_name="Reports",
                    symbol_prefix="CAC/RPT", admitted_categories="state_party")
        await body.save()
        session = Session(start_date=date(2020, 8, 31), end_date=date(2020, 9, 2), timezone="Europe/Vienna",
                          venue_name="Vienna International Centre", city="Vienna", format="hybrid",
                          status="scheduled", symbol_prefix="CAC/RPT/2020", admitted_categories="state_party")
        await session.save()
        await SessionPart(session=session.id, body=body.id, kind="regular", number=1).save()
        delegation = Delegation(session=session.id, entity=world.ids["entity_a"])
        await delegation.save()
        await Registration(delegation=delegation.id, session=session.id, given_name="Anna", family_name="Berger",
                           email="anna.berger@austria.example", mode="in_person", status="approved", is_head=True,
                           badge_code="RPTMATRIX001").save()
    world.ids["report_session"] = session.id
