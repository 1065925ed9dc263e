"""The check-in desk, the delegate's own view, and the secretariat's exports."""

from __future__ import annotations

import csv
import io
from typing import Any

from convene.accounts.roles import Role
from convene.delegations.tables import Registration
from httpx import AsyncClient
from openpyxl import load_workbook


async def _approved(
    client: AsyncClient,
    session: dict[str, Any],
    focal: dict[str, str],
    secretariat: dict[str, str],
    open_delegation: Any,
    register: Any,
    **fields: Any,
) -> dict[str, Any]:
    delegation = await open_delegation(session["id"], focal)
    registration = (await register(delegation["id"], focal, **fields)).json()
    approved = await client.post(
        f"/api/registrations/{registration['id']}/approval", headers=secretariat
    )
    assert approved.status_code == 200, approved.text
    return approved.json()


async def test_the_desk_finds_a_delegate_by_name_or_badge_and_marks_arrival(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegate = await _approved(
        client,
        session,
        austria,
        bodies,
        open_delegation,
        register,
        given_name="Lena",
        family_name="Huber",
    )
    found = (
        await client.get(
            f"/api/sessions/{session['id']}/attendees", params={"q": "hub"}, headers=bodies
        )
    ).json()
    assert [(a["name"], a["entity"], a["arrived"]) for a in found] == [
        ("Ms. Lena HUBER", "Austria", False)
    ]
    by_badge = await client.post(
        f"/api/sessions/{session['id']}/check-ins",
        json={"badge_code": delegate["badge_code"].lower()},
        headers=bodies,
    )
    assert by_badge.status_code == 200 and by_badge.json()["arrived"] is True
    again = (
        await client.get(
            f"/api/sessions/{session['id']}/attendees", params={"q": "Lena"}, headers=bodies
        )
    ).json()
    assert again[0]["arrived"] is True


async def test_only_approved_in_person_delegates_check_in(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    pending = (await register(delegation["id"], austria)).json()
    response = await client.post(
        f"/api/sessions/{session['id']}/check-ins",
        json={"registration_id": pending["id"]},
        headers=bodies,
    )
    assert response.status_code == 409 and response.json()["errors"][0]["field"] == "badge_code"
    unknown = await client.post(
        f"/api/sessions/{session['id']}/check-ins", json={"badge_code": "ZZZZ9999"}, headers=bodies
    )
    assert unknown.status_code == 404


async def test_a_delegate_sees_their_own_registration_and_nobody_elses(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
    make_account_headers: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    mine = (await register(delegation["id"], austria, email="lena@bmeia.test")).json()
    other = (await register(delegation["id"], austria)).json()
    delegate = await make_account_headers("lena@bmeia.test", Role.DELEGATE)
    listed = (await client.get("/api/me/registrations", headers=delegate)).json()
    assert [r["id"] for r in listed] == [mine["id"]] and listed[0]["badge_code"] == mine[
        "badge_code"
    ]
    assert (
        await client.get(f"/api/registrations/{other['id']}", headers=delegate)
    ).status_code == 404
    cancelled = await client.post(f"/api/registrations/{mine['id']}/cancellation", headers=delegate)
    assert cancelled.json()["status"] == "cancelled"


async def test_personal_data_stays_with_those_entitled_to_it(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    registration = (await register(delegation["id"], austria, phone="+43 1 234")).json()
    assert registration["email"] and registration["phone"] == "+43 1 234"
    queue = (
        await client.get(f"/api/sessions/{session['id']}/registrations", headers=bodies)
    ).json()["items"]
    assert queue[0]["email"] == registration["email"]
    assert (
        await client.get(f"/api/sessions/{session['id']}/registrations", headers=kenya)
    ).status_code == 403


async def test_the_secretariat_exports_registrations_as_csv_and_xlsx(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    await _approved(
        client,
        session,
        kenya,
        bodies,
        open_delegation,
        register,
        given_name="Wanjiru",
        family_name="Kamau",
        is_head=True,
    )
    await _approved(
        client,
        session,
        austria,
        bodies,
        open_delegation,
        register,
        given_name="=HYPERLINK",
        family_name="Gruber",
    )
    exported = await client.get(f"/api/sessions/{session['id']}/registrations.csv", headers=bodies)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [(r["Delegation"], r["Family name"], r["Status"]) for r in rows] == [
        ("Austria", "Gruber", "approved"),
        ("Kenya", "Kamau", "approved"),
    ]
    assert rows[0]["Given name"] == "'=HYPERLINK"  # never run as a formula
    assert rows[1]["Head of delegation"] == "yes"
    workbook = await client.get(f"/api/sessions/{session['id']}/registrations.xlsx", headers=bodies)
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["Category", "Delegation", "Head of delegation"]
    assert sheet.max_row == 3


async def test_exports_never_run_what_a_focal_point_typed_and_show_it_as_typed(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    typed = await _approved(
        client,
        session,
        austria,
        bodies,
        open_delegation,
        register,
        given_name="Jo;=CMD()",
        family_name="@SUM(A1)",
        phone="+43 1 26060",
        function="-2+3",
    )
    # Stored before control characters were refused at entry: it must not break the export.
    await Registration.update({Registration.organization: "Ministry\x0bof Justice"}).where(
        Registration.id == typed["id"]
    )
    exported = await client.get(f"/api/sessions/{session['id']}/registrations.csv", headers=bodies)
    text = exported.content.decode("utf-8-sig")
    assert '"Jo;=CMD()"' in text  # quoted: a spreadsheet splitting on ";" keeps one cell
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["Family name"], row["Phone"], row["Function"]) == ("'@SUM(A1)", "'+43 1 26060", "'-2+3")

    workbook = await client.get(f"/api/sessions/{session['id']}/registrations.xlsx", headers=bodies)
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    header = [cell.value for cell in sheet[1]]
    cells = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert cells["Phone"].value == "+43 1 26060" and cells["Phone"].data_type == "s"
    assert cells["Family name"].value == "@SUM(A1)" and cells["Family name"].data_type == "s"
    assert cells["Given name"].value == "Jo;=CMD()"
    assert cells["Organization"].value == "Ministry\ufffdof Justice"
