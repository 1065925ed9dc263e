"""What the sittings leave on record: attendance from presence, exports, the platforms' reports, badges."""

from __future__ import annotations

import csv
import io
from typing import Any

from convene.accounts.roles import Role
from convene.meetings.services import get_session
from convene.presence.tables import OnlineVisit
from convene.reports.attendance import build_attendance
from httpx import AsyncClient
from openpyxl import load_workbook

from tests.delegations.conftest import entity_id
from tests.presence.test_picture import _join
from tests.presence.world import World, build_world, scan
from tests.reports.conftest import pdf_text


async def _attended(client: AsyncClient, bodies: dict[str, str]) -> World:
    world = await build_world(
        client,
        bodies,
        {
            "Austria": ["in_person", "in_person", "online_speaking"],
            "Brazil": ["online_listening"],
            "Kenya": ["in_person"],
            "Andorra": ["in_person"],
        },
    )
    await client.patch(
        f"/api/sessions/{world.session_id}/hybrid-setup",
        json={"listening_link": "https://webcast.example.org/irg"},
        headers=bodies,
    )
    for badge in (world.badges["Austria"][0], world.badges["Andorra"][0]):
        await client.post(
            f"/api/sittings/{world.sitting_id}/door/scans", json=scan(badge), headers=bodies
        )
    await _join(client, world, "Austria", 2)
    await _join(client, world, "Brazil", 0)
    return world


async def test_attendance_counts_who_was_present_and_shows_the_registered_who_did_not_attend(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await _attended(client, bodies)
    report = await build_attendance(await get_session(world.session_id, include_private=True))
    assert report.from_presence and report.not_attended == 2  # Austria's second delegate, Kenya's
    assert (
        report.press_sentence
        == "Representatives of 2 States parties attended, 1 in person and 1 online."
    )
    assert (report.total.persons, report.total.in_person, report.total.online) == (4, 2, 2)
    assert [(s.persons, [(d.name, d.persons) for d in s.present]) for s in report.sittings] == [
        (4, [("Andorra", 1), ("Austria", 2), ("Brazil", 1)])
    ]

    pdf = await client.get(
        f"/api/sessions/{world.session_id}/reports/attendance.pdf", headers=bodies
    )
    assert pdf.status_code == 200, pdf.text
    text = " ".join(pdf_text(pdf.content).split())
    assert "Registered, not attended: 2." in text
    assert "4 persons of 3 delegations present: Andorra (1); Austria (2); Brazil (1)." in text

    exported = await client.get(f"/api/sittings/{world.sitting_id}/attendance.csv", headers=bodies)
    assert exported.status_code == 200, exported.text
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "Delegation",
        "Category",
        "Regional group",
        "Name",
        "Registered as",
        "Attended",
    ]
    assert [r[0] for r in rows[1:]] == ["Austria"] * 3 + ["Brazil", "Kenya", "Andorra"]
    attended = sorted((r[0], r[5]) for r in rows[1:])
    assert attended == sorted(
        [
            ("Austria", "In person"),
            ("Austria", "Registered, not attended"),
            ("Austria", "Online (speaking)"),
            ("Brazil", "Online (listening)"),
            ("Kenya", "Registered, not attended"),
            ("Andorra", "In person"),
        ]
    )
    in_room = next(r for r in rows if r[5] == "In person" and r[0] == "Austria")
    assert in_room[6] and not in_room[7]  # in the room from HH:MM, never online
    workbook = await client.get(f"/api/sittings/{world.sitting_id}/attendance.xlsx", headers=bodies)
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None and sheet.max_row == 7


ZOOM = """Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Whoever,{speaker_email},{day} 10:01:02 AM,{day} 12:00:00 PM,119,Yes
Mx. {listener_family} {listener_given},,{day} 10:05:00 AM,{day} 11:00:00 AM,55,Yes
Delegate in the hall ({brazil_given} {brazil_family}),,{day} 10:10:00 AM,{day} 10:20:00 AM,10,Yes
Someone Unknown,someone@elsewhere.test,{day} 10:15:00 AM,{day} 10:30:00 AM,15,Yes
"""


async def test_a_zoom_or_teams_report_completes_the_online_record_and_says_what_did_not_match(
    client: AsyncClient, bodies: dict[str, str], registry: None
) -> None:
    world = await build_world(
        client,
        bodies,
        {"Austria": ["online_speaking", "online_listening"], "Brazil": ["in_person"]},
    )
    speaker, listener = world.registrations["Austria"]
    brazilian = world.registrations["Brazil"][0]
    report = ZOOM.format(
        day="08/31/2020",
        speaker_email=speaker["email"].upper(),
        listener_family=listener["family_name"].upper(),
        listener_given=listener["given_name"],
        brazil_given=brazilian["given_name"],
        brazil_family=brazilian["family_name"],
    )

    async def upload(content: bytes, name: str = "participants.csv") -> Any:
        return await client.post(
            f"/api/sittings/{world.sitting_id}/online-report",
            files={"file": (name, content, "text/csv")},
            headers=bodies,
        )

    imported = await upload(report.encode())
    assert imported.status_code == 200, imported.text
    result = imported.json()
    assert (result["platform"], result["lines"], result["visits"]) == ("zoom", 4, 3)
    assert [(m["registration_id"], m["matched_by"]) for m in result["matched"]] == [
        (speaker["id"], "e-mail"),
        (listener["id"], "name"),
        (brazilian["id"], "name"),
    ]
    assert [(u["name"], u["matched_by"]) for u in result["unmatched"]] == [
        ("Someone Unknown", "no registration of this session has this e-mail or name")
    ]
    modes = {row["registration"]: row["mode"] for row in await OnlineVisit.select()}
    assert modes == {
        speaker["id"]: "speaking",
        listener["id"]: "listening",
        brazilian["id"]: "listening",
    }
    assert (await upload(report.encode())).json()["visits"] == 3
    assert await OnlineVisit.count() == 3  # the same report again replaces, never doubles

    teams = (
        "1. Summary\nMeeting title\tIRG\n\n2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
        f"{speaker['given_name']} {speaker['family_name']}\t8/31/20, 10:01:02 AM\t8/31/20, 12:00:00 PM\t1h 59m\t"
        f"{speaker['email']}\t{speaker['email']}\tPresenter\n\n3. In-Meeting Activities\nName\tJoin Time\tLeave Time\n"
    ).encode("utf-16")
    from_teams = (await upload(teams, "attendance.csv")).json()
    assert (from_teams["platform"], from_teams["visits"]) == ("teams", 1)
    assert await OnlineVisit.count() == 4

    nonsense = await upload(b"a,b,c\n1,2,3\n")
    assert nonsense.status_code == 422 and nonsense.json()["errors"][0]["field"] == "file"
    bad_time = await upload(b"Name,Join Time,Leave Time\nAnna,yesterday,today\n")
    assert bad_time.status_code == 422 and "Line 2" in bad_time.json()["detail"]


async def test_badges_print_each_in_person_delegate_with_their_code(
    client: AsyncClient, bodies: dict[str, str], registry: None, make_account_headers: Any
) -> None:
    world = await build_world(
        client,
        bodies,
        {"Austria": ["in_person", "in_person", "online_speaking"], "Kenya": ["in_person"]},
    )
    sheet = await client.get(f"/api/sessions/{world.session_id}/badges.pdf", headers=bodies)
    assert sheet.status_code == 200, sheet.text
    assert sheet.headers["content-type"] == "application/pdf"
    text = pdf_text(sheet.content)
    for state in ("Austria", "Kenya"):
        for badge in world.badges[state]:
            assert badge in text
    austria = world.registrations["Austria"]
    assert (
        austria[0]["family_name"].upper() in text and austria[2]["family_name"].upper() not in text
    )
    assert "STATE PARTY" in text.upper()

    focal = await make_account_headers(
        "focal@austria.test", Role.FOCAL_POINT, await entity_id("Austria")
    )
    own = await client.get(
        f"/api/sessions/{world.session_id}/badges.pdf",
        params={"delegation_id": world.delegations["Austria"]},
        headers=focal,
    )
    assert own.status_code == 200 and world.badges["Kenya"][0] not in pdf_text(own.content)
    everyone = await client.get(f"/api/sessions/{world.session_id}/badges.pdf", headers=focal)
    assert everyone.status_code == 403
    other = await client.get(
        f"/api/sessions/{world.session_id}/badges.pdf",
        params={"delegation_id": world.delegations["Kenya"]},
        headers=focal,
    )
    assert other.status_code == 404
