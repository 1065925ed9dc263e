"""The secretariat's pages: sessions, agenda, sittings, officers, the queue, check-in, reports, audit."""

from __future__ import annotations

import re
from typing import Any

from convene.accounts.roles import Role
from httpx import AsyncClient

from tests.delegations.conftest import kenya  # noqa: F401 (fixture)
from tests.web.conftest import Browser, BrowserFactory, entity, field_error, text_of

NEW_SESSION = {
    "parts-0-body": "IRG",
    "parts-0-kind": "regular",
    "parts-0-number": "40",
    "start_date": "2099-08-31",
    "end_date": "2099-09-02",
    "timezone": "Europe/Vienna",
    "format": "hybrid",
    "status": "draft",
    "symbol_prefix": "CAC/COSP/IRG/2099",
    "venue_name": "Vienna International Centre",
    "city": "Vienna",
    "room_capacity": "200",
}


async def _create(officer: Browser, **changes: str) -> int:
    answer = await officer.post("/secretariat/sessions", NEW_SESSION | changes)
    assert answer.status_code == 303, answer.text
    return int(
        re.fullmatch(
            r"/secretariat/sessions/(\d+)\?notice=session-created", answer.headers["location"]
        ).group(1)
    )


async def test_a_session_is_created_edited_and_opened_for_registration(officer: Browser) -> None:
    session_id = await _create(officer)
    page = text_of(
        (await officer.get(f"/secretariat/sessions/{session_id}", notice="session-created")).text
    )
    assert "The session has been created." in page
    assert "Fortieth session of the Implementation Review Group" in page and "Draft" in page

    saved = await officer.post(
        f"/secretariat/sessions/{session_id}",
        NEW_SESSION | {"parts-1-body": "WGP", "parts-1-number": "11", "in_person_quota": "3"},
    )
    assert saved.status_code == 303, saved.text
    page = text_of((await officer.get(f"/secretariat/sessions/{session_id}")).text)
    assert (
        "Fortieth session of the Implementation Review Group and eleventh session of the Working Group"
        in page
    )

    opened = await officer.post(f"/secretariat/sessions/{session_id}/registration-opening")
    assert (
        opened.headers["location"]
        == f"/secretariat/sessions/{session_id}?notice=registration-opened"
    )
    page = text_of((await officer.get(f"/secretariat/sessions/{session_id}")).text)
    assert "Scheduled" in page and "Registration opens on" in page


async def test_the_session_form_shows_each_mistake_beside_its_field(officer: Browser) -> None:
    empty = await officer.post("/secretariat/sessions", {"format": "hybrid", "status": "draft"})
    assert empty.status_code == 400
    assert field_error(empty.text, "parts-0-body") == "Choose the body that holds the session"
    assert field_error(empty.text, "start_date") == "Enter the first day"
    assert field_error(empty.text, "symbol_prefix") == "Enter the document symbol prefix"
    typed = await officer.post(
        "/secretariat/sessions", NEW_SESSION | {"parts-0-number": "eleventh"}
    )
    assert typed.status_code == 400
    assert field_error(typed.text, "parts-0-number") == "Enter a whole number"
    assert 'value="eleventh"' in typed.text
    ruled = await officer.post(
        "/secretariat/sessions", NEW_SESSION | {"registration_closes": "2099-12-01"}
    )
    assert ruled.status_code == 422
    assert (
        field_error(ruled.text, "registration_closes")
        == "Registration must close by the session's last day"
    )
    online = await officer.post(
        "/secretariat/sessions", NEW_SESSION | {"format": "online", "in_person_quota": "2"}
    )
    assert (
        field_error(online.text, "in_person_quota") == "An online session has no in-person places"
    )
    await _create(officer)
    twice = await officer.post("/secretariat/sessions", NEW_SESSION)
    assert twice.status_code == 409 and "error-summary" in twice.text


async def test_the_agenda_editor_adds_reorders_and_attaches(officer: Browser) -> None:
    session_id = await _create(officer)
    base = f"/secretariat/sessions/{session_id}"
    for title in ("Organizational matters", "Other matters"):
        assert (await officer.post(f"{base}/agenda/items", {"title": title})).status_code == 303
    page = (await officer.get(f"{base}/agenda")).text
    other = int(re.findall(r'action="/secretariat/agenda-items/(\d+)/position"', page)[-1])
    assert (
        await officer.post(f"/secretariat/agenda-items/{other}/position", {"position": "1"})
    ).status_code == 303
    first = int(
        re.findall(
            r'action="/secretariat/agenda-items/(\d+)"', (await officer.get(f"{base}/agenda")).text
        )[0]
    )
    assert first == other
    sub = await officer.post(
        f"{base}/agenda/items", {"title": "Opening of the session", "parent_id": str(other)}
    )
    assert sub.status_code == 303
    document = {
        "symbol": "CAC/COSP/IRG/2099/1",
        "title": "Provisional agenda",
        "agenda_item_id": str(other),
        "languages": "en",
    }
    assert (await officer.post(f"{base}/documents", document)).status_code == 303
    again = await officer.post(f"{base}/documents", document)
    assert again.status_code == 409
    assert (
        field_error(again.text, "doc-symbol")
        == "A document with the symbol CAC/COSP/IRG/2099/1 already exists"
    )
    page = text_of((await officer.get(f"{base}/agenda")).text)
    assert re.search(
        r"1\. Other matters .* 1 \(a\) Opening of the session .* 2\. Organizational matters", page
    )
    assert "CAC/COSP/IRG/2099/1: Provisional agenda" in page


async def test_sittings_and_officers_follow_their_rules(officer: Browser) -> None:
    session_id = await _create(officer)
    base = f"/secretariat/sessions/{session_id}"
    sitting = {
        "starts_at": "2099-08-31T10:00",
        "ends_at": "2099-08-31T13:00",
        "room": "Board Room D",
    }
    assert (await officer.post(f"{base}/sittings", sitting)).status_code == 303
    outside = await officer.post(
        f"{base}/sittings",
        sitting | {"starts_at": "2099-08-30T10:00", "ends_at": "2099-08-30T13:00"},
    )
    assert outside.status_code == 422
    assert field_error(outside.text, "new-starts_at").startswith(
        "The sitting must lie within the session"
    )
    clash = await officer.post(f"{base}/sittings", sitting)
    assert field_error(clash.text, "new-room").startswith(
        "Board Room D is taken by the 1st meeting"
    )
    forged = await officer.post(f"{base}/sittings", sitting | {"agenda_item_ids": "first"})
    assert forged.status_code == 400 and "Choose from the list" in forged.text
    page = text_of((await officer.get(f"{base}/sittings")).text)
    assert "Monday, 31 August 2099, 10 a.m.–1 p.m. (CEST)" in page

    chair = {"role": "chair", "name": "Harib Saeed Al Amimi", "honorific": "H.E. Mr."}
    assert (await officer.post(f"{base}/officers", chair)).status_code == 303
    second = await officer.post(f"{base}/officers", chair | {"name": "Someone Else"})
    assert second.status_code == 409
    assert (
        field_error(second.text, "role")
        == "The session already has a presiding officer (Harib Saeed Al Amimi)"
    )


async def test_the_queue_decides_in_bulk_and_the_desk_checks_in(
    officer: Browser,
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    delegation = await open_delegation(session["id"], austria)
    people = [
        (
            await register(
                delegation["id"], austria, given_name=f"Person{n}", family_name=f"Family{n}"
            )
        ).json()
        for n in (1, 2, 3)
    ]
    base = f"/secretariat/sessions/{session['id']}"
    page = text_of((await officer.get(f"{base}/registrations", status="waitlisted")).text)
    assert "Person3" in page and "Person1" not in page

    decided = await officer.post(
        f"{base}/registrations/decisions",
        [("registration_ids", p["id"]) for p in people]
        + [("decision", "approve"), ("status", "submitted")],
    )
    assert decided.status_code == 303  # post/redirect/get: a reload shows, never decides again
    outcome = decided.headers["location"]
    assert re.fullmatch(rf"{base}/registrations\?outcome=\d+&status=submitted", outcome)
    for _ in range(2):
        words = text_of((await officer.client.get(outcome)).text)
        assert "2 registrations approved" in words
        assert (
            "1 could not be decided: Ms. Person3 Family3 (Austria):"
            " A waitlisted registration has no place to approve yet"
        ) in words
    again = await officer.post(
        f"{base}/registrations/decisions",
        [("registration_ids", people[0]["id"]), ("decision", "approve")],
    )
    words = text_of((await officer.client.get(again.headers["location"])).text)
    assert "0 registrations approved 1 was already approved" in words
    assert "Already approved: unchanged" in words
    nothing = await officer.post(f"{base}/registrations/decisions", {"decision": "approve"})
    assert nothing.status_code == 400 and "Select at least one registration" in nothing.text

    badge = (await client.get(f"/api/registrations/{people[0]['id']}", headers=austria)).json()[
        "badge_code"
    ]
    found = text_of((await officer.get(f"{base}/check-in", q="Family1")).text)
    assert "Person1 FAMILY1" in found and "Mark Ms. Person1 FAMILY1 as arrived" in found
    arrived = await officer.post(f"{base}/check-in", {"badge_code": badge.lower(), "q": "Family1"})
    assert arrived.status_code == 200
    assert "Ms. Person1 FAMILY1 (Austria) is marked as arrived." in text_of(arrived.text)
    again = await officer.post(f"{base}/check-in", {"badge_code": badge, "q": "Family1"})
    assert again.status_code == 200
    assert "Ms. Person1 FAMILY1 (Austria) already checked in at" in text_of(again.text)
    assert "is marked as arrived" not in again.text
    assert 'id="badge_code" name="badge_code" type="text" value=""' in again.text  # ready to scan
    fragment = await officer.post(
        f"{base}/check-in", {"badge_code": "NOSUCHBADGE"}, **{"HX-Request": "true"}
    )
    assert fragment.status_code == 404 and fragment.text.lstrip().startswith(
        '<section id="attendees"'
    )
    assert "No one at this session has the badge code “NOSUCHBADGE”" in fragment.text
    two_scans = await officer.post(f"{base}/check-in", {"badge_code": badge + badge})
    assert two_scans.status_code == 404 and "No one at this session has the badge code" in (
        two_scans.text
    )  # not "This is too long": the clerk is told the code is not one of this session's
    waiting = await officer.post(f"{base}/check-in", {"registration_id": str(people[2]["id"])})
    assert waiting.status_code == 409 and "is not an approved in-person delegate" in waiting.text


async def test_the_queue_shows_a_person_two_delegations_registered_and_rejects_one_with_a_reason(
    officer: Browser,
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    kenya: dict[str, str],
    open_delegation: Any,
    register: Any,
) -> None:
    ours = (
        await register(
            (await open_delegation(session["id"], austria))["id"],
            austria,
            given_name="Dual",
            email="dual@person.test",
        )
    ).json()
    theirs = (
        await register(
            (await open_delegation(session["id"], kenya))["id"],
            kenya,
            given_name="Dual",
            email="dual@person.test",
        )
    ).json()
    await register(ours["delegation_id"], austria, given_name="Single")
    base = f"/secretariat/sessions/{session['id']}"
    words = text_of((await officer.get(f"{base}/registrations")).text)
    assert "2 registrations share their e-mail address with another delegation's registration." in words
    assert "Also registered by Kenya (Awaiting approval)" in words
    conflicts = text_of((await officer.get(f"{base}/registrations", conflicts="on")).text)
    assert "Dual" in conflicts and "Single" not in conflicts and "2 registrations" in conflicts

    form = [
        ("registration_ids", theirs["id"]),
        ("decision", "reject"),
        ("reason", "Registered by the Permanent Mission of Austria"),
        ("conflicts", "on"),
    ]
    asked = await officer.post(f"{base}/registrations/decisions", form)
    assert asked.status_code == 200 and "Reject 1 registration?" in text_of(asked.text)
    assert 'name="confirmed" value="yes"' in asked.text
    rejected = await officer.post(f"{base}/registrations/decisions", [*form, ("confirmed", "yes")])
    assert rejected.status_code == 303
    words = text_of((await officer.client.get(rejected.headers["location"])).text)
    assert "1 registration rejected" in words and "No registration matches." in words
    history = (await client.get(f"/api/registrations/{theirs['id']}/history", headers=kenya)).json()
    assert history[-1]["note"] == "Registered by the Permanent Mission of Austria"


async def test_reports_are_built_then_downloaded(officer: Browser, session: dict[str, Any]) -> None:
    base = f"/secretariat/sessions/{session['id']}/reports"
    assert "Building the report…" in (await officer.get(base)).text
    built = await officer.post(f"{base}/agenda", **{"HX-Request": "true"})
    assert built.status_code == 200
    link = re.search(r'<a href="([^"]+)" download="([^"]+)">', built.text)
    # Built in the page's language (English here), and downloaded in that language whatever
    # the browser says later.
    assert link and link.group(1) == f"/api/sessions/{session['id']}/reports/agenda.pdf?language=en"
    pdf = await officer.client.get(link.group(1))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["x-report-cache"] == "hit", "the download is the report just built"
    final = await officer.post(f"{base}/participants-final")
    assert final.status_code == 409
    assert "The final list of participants can be printed once the session is over" in text_of(
        final.text
    )
    assert (await officer.post(f"{base}/nonsense")).status_code == 404


async def test_the_audit_log_lists_changes_by_session(officer: Browser) -> None:
    session_id = await _create(officer)
    page = text_of((await officer.get("/secretariat/audit", session=str(session_id))).text)
    assert f"(session {session_id})" in page and "Ms. Olga Officer" in page
    assert "1 change, newest first" in page


async def test_other_roles_are_turned_away(
    browser_for: BrowserFactory, session: dict[str, Any]
) -> None:
    focal = await browser_for("focal@austria.example", Role.FOCAL_POINT, await entity("Austria"))
    refused = await focal.get(f"/secretariat/sessions/{session['id']}/registrations")
    assert refused.status_code == 403 and "Only the secretariat can do this" in refused.text
    public = await browser_for()
    answer = await public.post("/secretariat/sessions", NEW_SESSION)
    assert answer.status_code == 303 and answer.headers["location"] == "/sign-in?next=/"


async def test_a_page_refuses_a_json_post_instead_of_blanking_the_saved_fields(officer: Browser) -> None:
    session_id = await _create(officer)
    sent = await officer.client.post(
        f"/secretariat/sessions/{session_id}",
        json={"venue_name": "", "city": ""},
        headers={"X-CSRF-Token": officer.csrf},
    )
    assert sent.status_code == 415
    assert sent.json()["errors"][0]["field"] == "Content-Type"
    page = text_of((await officer.get(f"/secretariat/sessions/{session_id}")).text)
    assert "Vienna International Centre" in page  # nothing was saved
    signing_in = await officer.client.post(
        "/sign-in", json={"email": "x@y.z", "password": "p"}, headers={"X-CSRF-Token": officer.csrf}
    )
    assert signing_in.status_code == 415
