"""People and mail from the web: invitations, the outbox, corrections, reopening, asking first."""

from __future__ import annotations

import html
import re
from typing import Any

from convene.accounts.roles import Role
from httpx import AsyncClient
from litestar import Litestar

from tests.accounts.conftest import PASSWORD, csrf_of
from tests.conftest import app_client
from tests.web.conftest import BASE_URL, Browser, BrowserFactory, entity, text_of


def _link(outbox_page: str, path: str) -> str:
    """The one-time link an e-mail on the outbox page carries (a pending message still has it)."""
    found = re.findall(rf"https?://[^\s<]+{re.escape(path)}\?token=[\w-]+", html.unescape(outbox_page))
    assert found, f"no {path} link in the outbox"
    return found[0].split("convene.test", 1)[1]


async def _accept(app: Litestar, path: str) -> Any:
    """Follow an invitation link in a new browser and choose a password."""
    async with app_client(app, BASE_URL) as web:
        web.follow_redirects = False
        form = await web.get(path)
        if form.status_code != 200:
            return form  # the link no longer works: the page says so before any form
        return await web.post(
            path.split("?")[0],
            data={
                "token": path.split("token=")[1],
                "password": PASSWORD,
                "password_confirmation": PASSWORD,
                "_csrf_token": csrf_of(form.text),
            },
        )


async def test_the_secretariat_invites_a_focal_point_resends_and_takes_back(
    app: Litestar, officer: Browser, registry: None
) -> None:
    austria = await entity("Austria")
    form = await officer.get("/people/invitations", entity_id=austria, role="focal_point")
    assert f'<option value="{austria}" selected>Austria</option>' in form.text

    missing = await officer.post("/people/invitations", {"role": "focal_point"})
    assert missing.status_code == 400
    summary = text_of(missing.text)
    assert "Enter the person's name" in summary and "Choose the entity" in summary
    assert 'href="#i-full_name"' in missing.text and 'href="#i-entity_id"' in missing.text

    sent = await officer.post(
        "/people/invitations",
        {
            "full_name": "Ms. Anna Huber",
            "email": "anna.huber@bmeia.example",
            "role": "focal_point",
            "entity_id": austria,
        },
    )
    assert sent.headers["location"] == "/people/invitations?notice=invitation-sent"
    page = text_of((await officer.get("/people/invitations")).text)
    assert "Ms. Anna Huber anna.huber@bmeia.example Focal point, Austria Sent" in page

    outbox = (await officer.get("/secretariat/outbox")).text
    words = text_of(outbox)
    assert "Your Convene account: choose a password" in words
    assert "With it you register your delegation's members for sessions and follow their approval." in words
    assert "To anna.huber@bmeia.example Status Waiting to be sent Attempts 0" in words
    first = _link(outbox, "/accept-invitation")

    listed = (await officer.get("/people/invitations")).text
    account_id = re.search(r"/people/invitations/(\d+)/resending", listed).group(1)
    resent = await officer.post(f"/people/invitations/{account_id}/resending")
    assert resent.headers["location"] == "/people/invitations?notice=invitation-resent"
    second = _link((await officer.get("/secretariat/outbox")).text, "/accept-invitation")
    assert second != first
    assert (await _accept(app, first)).status_code == 400  # the old link no longer works

    asked = await officer.post(f"/people/invitations/{account_id}/revocation")
    assert asked.status_code == 200 and "Take back this invitation?" in text_of(asked.text)
    assert (await officer.get("/people/invitations")).text.count("/revocation") == 1  # still open
    taken = await officer.post(f"/people/invitations/{account_id}/revocation", {"confirmed": "yes"})
    assert taken.headers["location"] == "/people/invitations?notice=invitation-revoked"
    assert "Taken back" in text_of((await officer.get("/people/invitations")).text)
    assert (await _accept(app, second)).status_code == 400

    again = await officer.post(f"/people/invitations/{account_id}/resending")
    third = _link((await officer.get("/secretariat/outbox")).text, "/accept-invitation")
    assert again.status_code == 303
    accepted = await _accept(app, third)
    assert accepted.headers["location"] == "/focal-point"  # her work, not "Your account"


async def test_a_focal_point_invites_delegates_of_their_entity_only(
    officer: Browser, austria_focal: Browser, browser_for: BrowserFactory
) -> None:
    page = (await austria_focal.get("/people/invitations")).text
    assert 'name="entity_id"' not in page and 'name="role" value="delegate"' in page
    sent = await austria_focal.post(
        "/people/invitations",
        {"full_name": "Mr. Jakob Gruber", "email": "jakob@bmeia.example", "role": "delegate"},
    )
    assert sent.status_code == 303
    assert "Mr. Jakob Gruber" in text_of((await austria_focal.get("/people/invitations")).text)
    focal = await austria_focal.post(
        "/people/invitations",
        {"full_name": "Ms. Other", "email": "other@bmeia.example", "role": "focal_point"},
    )
    assert focal.status_code == 403  # a focal point invites delegates only

    kenya = await browser_for(
        "focal@kenya.example", Role.FOCAL_POINT, await entity("Kenya"), full_name="Mr. Otieno"
    )
    assert "Mr. Jakob Gruber" not in (await kenya.get("/people/invitations")).text
    account_id = re.search(
        r"/people/invitations/(\d+)/resending", (await officer.get("/people/invitations")).text
    ).group(1)
    assert (await kenya.post(f"/people/invitations/{account_id}/resending")).status_code == 404


async def test_approving_a_registration_offers_the_delegate_an_account(
    client: AsyncClient,
    app: Litestar,
    officer: Browser,
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
    session: dict[str, Any],
) -> None:
    delegation = await open_delegation(session["id"], austria)
    person = (
        await register(delegation["id"], austria, email="lena.berger@bmeia.example", given_name="Lena")
    ).json()
    await client.post(f"/api/registrations/{person['id']}/approval", headers=bodies)
    outbox = (await officer.get("/secretariat/outbox")).text
    assert "To lena.berger@bmeia.example" in text_of(outbox)
    assert "Your Convene account: choose a password" in text_of(outbox)
    assert "With it you see your sessions, your sittings and the link to your calendar." in outbox
    accepted = await _accept(app, _link(outbox, "/accept-invitation"))
    assert accepted.headers["location"] == "/my"  # a delegate lands on their own page

    invitations = text_of((await officer.get("/people/invitations")).text)
    assert "lena.berger@bmeia.example" not in invitations  # she has chosen her password

    moved = await client.patch(
        f"/api/registrations/{person['id']}", json={"email": "lena.berger@gv.at"}, headers=austria
    )
    assert moved.json()["status"] == "approved"  # her focal point corrected her address
    words = text_of((await officer.get("/secretariat/outbox")).text)
    assert "To lena.berger@gv.at" in words
    assert "Ms. Lena" in text_of((await officer.get("/people/invitations")).text)


async def test_a_misspelled_name_is_corrected_without_a_new_approval(
    client: AsyncClient,
    officer: Browser,
    austria_focal: Browser,
    bodies: dict[str, str],
    session: dict[str, Any],
) -> None:
    opened = await austria_focal.post(f"/focal-point/sessions/{session['id']}/delegation")
    delegation_id = int(re.search(r"/delegations/(\d+)", opened.headers["location"]).group(1))
    await austria_focal.post(
        f"/delegations/{delegation_id}/registrations",
        {"given_name": "Marai", "family_name": "Kovac", "email": "mk@bmeia.example", "mode": "in_person"},
    )
    page = (await austria_focal.get(f"/delegations/{delegation_id}")).text
    registration_id = int(re.search(r"/registrations/(\d+)", page).group(1))
    await client.post(f"/api/registrations/{registration_id}/approval", headers=bodies)

    blank = await austria_focal.post(
        f"/registrations/{registration_id}",
        {"given_name": "Maria", "family_name": "", "email": "mk@bmeia.example"},
    )
    assert blank.status_code == 400 and "Enter the family name" in text_of(blank.text)
    assert 'href="#d-family_name"' in blank.text
    corrected = await austria_focal.post(
        f"/registrations/{registration_id}",
        {"honorific": "Ms.", "given_name": "Maria", "family_name": "Kovač", "email": "mk@bmeia.example"},
    )
    assert corrected.headers["location"] == f"/delegations/{delegation_id}?notice=delegate-saved"
    shown = text_of((await austria_focal.get(f"/delegations/{delegation_id}")).text)
    assert "Ms. Maria Kovač" in shown and "Approved" in shown
    audit = text_of((await officer.get("/secretariat/audit")).text)
    assert "Marai" in audit and "Maria" in audit and "Kovac" in audit and "Kovač" in audit
    history = (await client.get(f"/api/registrations/{registration_id}/history", headers=bodies)).json()
    assert history[-1]["action"] == "details changed" and history[-1]["status"] == "approved"
    assert history[-1]["note"] == "honorific: - to Ms.; given_name: Marai to Maria; family_name: Kovac to Kovač"


async def test_a_rejection_says_why_and_the_secretariat_can_reopen_it(
    client: AsyncClient,
    officer: Browser,
    austria_focal: Browser,
    austria: dict[str, str],
    bodies: dict[str, str],
    open_delegation: Any,
    register: Any,
    session: dict[str, Any],
) -> None:
    delegation = await open_delegation(session["id"], austria)
    person = (await register(delegation["id"], austria, given_name="Rita")).json()
    base = f"/secretariat/sessions/{session['id']}/registrations"
    no_reason = await officer.post(
        f"{base}/decisions", [("registration_ids", person["id"]), ("decision", "reject")]
    )
    assert no_reason.status_code == 422
    assert "Give the reason for the rejection" in text_of(no_reason.text)
    form = [("registration_ids", person["id"]), ("decision", "reject"), ("reason", "No note verbale")]
    await officer.post(f"{base}/decisions", [*form, ("confirmed", "yes")])

    seen = text_of((await austria_focal.get(f"/delegations/{delegation['id']}")).text)
    assert "Not approved Reason: No note verbale" in seen
    assert (await client.post(f"/api/registrations/{person['id']}/reopening", headers=austria)).status_code == 403

    page = await officer.get(f"/registrations/{person['id']}")
    assert "Reason for the rejection No note verbale" in text_of(page.text)
    reopened = await officer.post(f"/registrations/{person['id']}/reopening")
    assert reopened.headers["location"] == f"/delegations/{delegation['id']}?notice=registration-reopened"
    shown = text_of((await officer.client.get(reopened.headers["location"])).text)
    assert "The registration has been reopened: it awaits a decision again." in shown
    assert "Awaiting approval" in shown and "Reason:" not in shown
    again = await officer.post(f"/registrations/{person['id']}/reopening")
    assert again.status_code == 409 and "Only a rejected registration can be reopened" in text_of(again.text)
    audit = (await client.get("/api/audit", headers=bodies)).json()["items"]
    assert audit[0]["action"] == "registration.reopened"


async def test_removing_an_agenda_item_asks_first_and_changes_nothing_until_yes(
    client: AsyncClient, officer: Browser, bodies: dict[str, str], session: dict[str, Any]
) -> None:
    agenda = (
        await client.post(
            f"/api/sessions/{session['id']}/agenda/items", json={"title": "Opening"}, headers=bodies
        )
    ).json()
    item = agenda["items"][0]
    asked = await officer.post(f"/secretariat/agenda-items/{item['id']}/removal")
    words = text_of(asked.text)
    assert asked.status_code == 200 and "Remove this agenda item?" in words
    assert "This cannot be undone." in words and "No, go back" in words
    assert f'href="/secretariat/sessions/{session["id"]}/agenda"' in asked.text
    agenda = (await officer.get(f"/secretariat/sessions/{session['id']}/agenda")).text
    assert "Opening" in agenda and 'data-confirm="Remove this agenda item?"' in agenda
    removed = await officer.post(
        f"/secretariat/agenda-items/{item['id']}/removal", {"confirmed": "yes"}
    )
    assert removed.headers["location"].endswith("?notice=item-removed")


async def test_a_full_quota_and_the_waiting_list_are_said_in_words(
    austria_focal: Browser, session: dict[str, Any]
) -> None:
    opened = await austria_focal.post(f"/focal-point/sessions/{session['id']}/delegation")
    delegation_id = int(re.search(r"/delegations/(\d+)", opened.headers["location"]).group(1))
    answers = [
        await austria_focal.post(
            f"/delegations/{delegation_id}/registrations",
            {"given_name": f"G{n}", "family_name": f"F{n}", "email": f"p{n}@bmeia.example", "mode": "in_person"},
        )
        for n in range(3)
    ]
    page = (await austria_focal.get(answers[-1].headers["location"])).text
    assert '<p class="notice warning" role="status">No place was free' in page
    assert '<li class="full">' in page and "2 of 2 in-person places used" in text_of(page)
    assert '<span class="quota-state">Full</span>' in page


async def test_signing_in_lands_on_the_persons_work(
    browser_for: BrowserFactory, app: Litestar, registry: None
) -> None:
    from tests.accounts.conftest import make_person, sign_in

    for email, role, landing in [
        ("clerk@unodc.example", Role.SECRETARIAT, "/secretariat"),
        ("delegate@bmeia.example", Role.DELEGATE, "/my"),
    ]:
        await make_person(email, role, None if role is Role.SECRETARIAT else await entity("Austria"))
        async with app_client(app, BASE_URL) as web:
            web.follow_redirects = False
            assert (await sign_in(web, email)).headers["location"] == landing


async def test_the_error_summary_names_the_field_left_empty(
    officer: Browser, session: dict[str, Any]
) -> None:
    answer = await officer.post(f"/secretariat/sessions/{session['id']}/agenda/items", {"title": ""})
    assert answer.status_code == 400
    summary = re.search(r'<div class="error-summary".*?</div>', answer.text, re.S).group(0)
    assert re.search(r'<a href="#[\w-]*title">Title is required</a>', summary), summary
    assert "This field is required" not in answer.text


async def test_a_failed_message_shows_its_error_and_is_sent_again(officer: Browser) -> None:
    from convene.mail.tables import OutboxMessage

    stuck = OutboxMessage(
        recipient="anna.huber@bmeia.example",
        subject="Your Convene account: choose a password",
        text="Dear Ms. Anna Huber,",
        status="failed",
        attempts=8,
        last_error="SMTPRecipientsRefused: 550 mailbox unavailable",
    )
    await stuck.save()
    page = text_of((await officer.get("/secretariat/outbox", status="failed")).text)
    assert "To anna.huber@bmeia.example Status Failed Attempts 8" in page
    assert "Error SMTPRecipientsRefused: 550 mailbox unavailable" in page
    assert "Dear Ms. Anna Huber," in page and "Send again" in page
    retried = await officer.post(f"/secretariat/outbox/{stuck.id}/retry")
    assert retried.headers["location"] == "/secretariat/outbox?status=pending&notice=message-retried"
    page = text_of((await officer.client.get(retried.headers["location"])).text)
    assert "The message will be sent again in a moment." in page
    assert "Status Waiting to be sent Attempts 0" in page
    again = await officer.post(f"/secretariat/outbox/{stuck.id}/retry")
    assert again.status_code == 404  # no longer a failed message
