"""Attendance: figures by category, mode and regional group, check-ins per sitting, the press sentence."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from convene.delegations.tables import Registration
from convene.meetings.services import get_session
from convene.reports.attendance import build_attendance
from tests.reports.conftest import add_delegation, check_in, pdf_text, person
from tests.reports.test_participants import COSP, assert_in_order

ONLINE = "online_listening"


async def _attended_session(client: AsyncClient, create_session: Any, headers: dict[str, str]) -> dict[str, Any]:
    session = await create_session(**COSP)
    sid = session["id"]
    austria = await add_delegation(
        sid, "Austria", [person("A", "One"), person("A", "Two"), person("A", "Three", mode=ONLINE)]
    )
    await add_delegation(sid, "Brazil", [person("B", "One", mode="online_speaking")])
    egypt = await add_delegation(sid, "Egypt", [person("E", "One"), person("E", "Two", status="submitted")])
    await add_delegation(sid, "China", [person("C", "One", mode=ONLINE)])
    syria = await add_delegation(sid, "Syrian Arab Republic", [person("S", "One")])
    await add_delegation(sid, "Monaco", [person("M", "One", mode="online_speaking")])
    await add_delegation(sid, "World Bank", [person("W", "One")])
    await add_delegation(sid, "Transparency International", [person("T", n, mode=ONLINE) for n in ("One", "Two")])
    sittings = []
    for day in ("2020-08-31", "2020-09-01"):
        times = {"starts_at": f"{day}T10:00", "ends_at": f"{day}T13:00", "room": "Plenary Hall"}
        created = await client.post(f"/api/sessions/{sid}/sittings", headers=headers, json=times)
        assert created.status_code == 201, created.text
        sittings.append(created.json()["id"])
    for registration, sitting in ((austria[0], sittings[0]), (austria[0], sittings[0]), (austria[1], sittings[0]),
                                  (egypt[0], sittings[0]), (austria[0], sittings[1]), (syria[0], None)):
        await check_in(registration, sitting)
    return session


async def test_the_press_sentence_and_the_tables_match_the_registrations(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await _attended_session(client, create_session, bodies)
    response = await client.get(f"/api/sessions/{session['id']}/reports/attendance.pdf", headers=bodies)
    assert response.status_code == 200, response.text
    text = " ".join(pdf_text(response.content).split())
    assert "Representatives of 4 States parties attended, 2 in person and 2 online." in text
    assert_in_order(text, [
        # category: delegations, of which in person, persons, in person, online
        "States parties 4 2 6 3 3",
        "Regional economic integration organizations parties to the Convention 0 0 0 0 0",
        "Signatory States 1 1 1 1 0",
        "Observer States 1 0 1 0 1",
        "United Nations entities, specialized agencies and other bodies 1 1 1 1 0",
        "Intergovernmental organizations 0 0 0 0 0",
        "Non-governmental organizations 1 0 2 0 2",
        "All parties to the Convention (States and regional economic integration organizations) 4 2 6 3 3",
        "All participants 8 4 11 5 6",
        "In person 4 5", "Online (speaking) 2 2", "Online (listening) 3 4",
        "African States 1 1 1 1 0",
        "Asia-Pacific States 2 1 2 1 1",
        "Eastern European States 0 0 0 0 0",
        "Latin American and Caribbean States 1 0 1 0 1",
        "Western European and other States 2 1 4 2 2",
        "1st meeting, Monday, 31 August 2020, 10 a.m.–1 p.m.",
        "3 persons of 2 delegations checked in: Austria (2); Egypt (1).",
        "2nd meeting, Tuesday, 1 September 2020, 10 a.m.–1 p.m.",
        "1 person of 1 delegation checked in: Austria (1).",
        "Persons checked in at the venue outside any sitting: 1.",
    ])


async def test_the_totals_are_the_databases_and_the_charts_are_drawn(
    client: AsyncClient, create_session: Any, registry: None, bodies: dict[str, str]
) -> None:
    session = await _attended_session(client, create_session, bodies)
    report = await build_attendance(await get_session(session["id"], include_private=True))
    approved = Registration.count().where((Registration.session == session["id"]) & (Registration.status == "approved"))
    assert report.total.persons == await approved
    assert report.total.in_person == await approved.where(Registration.mode == "in_person")
    assert sum(t.persons for t in report.by_category) == report.total.persons
    assert sum(t.persons for t in report.by_mode) == report.total.persons
    assert report.category_chart.count("<rect") == 2 + 6  # the legend, then each non-empty segment
    assert report.sitting_chart.count("<rect") == 1 + 2
    assert report.category_chart.startswith("<svg") and 'role="img"' in report.category_chart


async def test_with_nobody_registered_the_report_still_prints(
    client: AsyncClient, create_session: Any, bodies: dict[str, str]
) -> None:
    session = await create_session()
    response = await client.get(f"/api/sessions/{session['id']}/reports/attendance.pdf", headers=bodies)
    assert response.status_code == 200, response.text
    text = pdf_text(response.content)
    assert "No State party was represented." in text
    assert "No sitting has been held." in text
