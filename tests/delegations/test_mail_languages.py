"""E-mails in the recipient's language: their account's, else their focal point's."""

from __future__ import annotations

import base64
import json
from typing import Any

import icalendar
from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.accounts.tables import Account
from convene.mail.tables import OutboxMessage
from tests.delegations.conftest import entity_id

FRENCH_IRG = "Groupe d'examen de l'application"


async def _mail_to(email: str) -> list[dict[str, Any]]:
    return (
        await OutboxMessage.select()
        .where(OutboxMessage.recipient.like(f"%{email}%"))
        .order_by(OutboxMessage.id)
    )


async def _french(email: str) -> None:
    await Account.update({Account.language: "fr"}).where(Account.email == email)


async def test_a_delegate_without_an_account_hears_in_their_french_focal_points_language(
    client: AsyncClient,
    session: dict[str, Any],
    bodies: dict[str, str],
    make_account_headers: Any,
    open_delegation: Any,
    register: Any,
) -> None:
    await client.patch("/api/bodies/IRG", json={"names": {"fr": FRENCH_IRG}}, headers=bodies)
    focal = await make_account_headers(
        "focal@france.test", Role.FOCAL_POINT, await entity_id("France")
    )
    await _french("focal@france.test")
    delegation = await open_delegation(session["id"], focal)
    registered = await register(delegation["id"], focal, email="claire.dubois@france.test")
    assert registered.status_code == 201, registered.text
    [notice] = await _mail_to("claire.dubois@france.test")
    assert notice["subject"].endswith(f"Quarantième session du {FRENCH_IRG}")
    assert f"quarantième session du {FRENCH_IRG}" in notice["text"]
    assert (
        "31 août\u2009–\u20092 sept. 2099" in notice["text"]
    )  # the session's dates, by Babel's French


async def test_a_french_account_gets_its_mail_and_invitations_in_french_and_others_in_english(
    client: AsyncClient,
    session: dict[str, Any],
    bodies: dict[str, str],
    austria: dict[str, str],
    make_account_headers: Any,
    open_delegation: Any,
    register: Any,
) -> None:
    await client.patch("/api/bodies/IRG", json={"names": {"fr": FRENCH_IRG}}, headers=bodies)
    await make_account_headers("anna@austria.test", Role.DELEGATE, await entity_id("Austria"))
    await _french("anna@austria.test")
    delegation = await open_delegation(session["id"], austria)
    french = await register(delegation["id"], austria, email="anna@austria.test")
    english = await register(delegation["id"], austria, email="karl@austria.test")
    sitting = {
        "starts_at": "2099-08-31T10:00",
        "ends_at": "2099-08-31T13:00",
        "room": "Board Room D",
    }
    assert (
        await client.post(f"/api/sessions/{session['id']}/sittings", json=sitting, headers=bodies)
    ).status_code == 201
    ids = [french.json()["id"], english.json()["id"]]
    approved = await client.post(
        f"/api/sessions/{session['id']}/registrations/approval",
        json={"registration_ids": ids},
        headers=bodies,
    )
    assert approved.status_code == 200, approved.text
    anna = await _mail_to("anna@austria.test")
    assert [m["subject"].split(":")[0].strip() for m in anna] == [
        "Inscription reçue",
        "Inscription approuvée",
        "Invitation",
    ]
    invitation = anna[-1]
    assert f"Quarantième session du {FRENCH_IRG}" in invitation["subject"]
    assert "lundi 31 août 2099" in invitation["text"]
    attachments = invitation["attachments"]
    calendar = base64.b64decode(
        json.loads(attachments if isinstance(attachments, str) else json.dumps(attachments))[0][
            "content_b64"
        ]
    )
    [event] = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith(f"Quarantième session du {FRENCH_IRG}")
    karl = await _mail_to("karl@austria.test")
    assert karl[-1]["subject"].startswith("Invitation: Fortieth session of the Implementation Review Group")
