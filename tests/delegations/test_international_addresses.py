"""Addresses beyond ASCII (RFC 6531): accepted when registered, and carried through to the mail server."""

from __future__ import annotations

from typing import Any

from aiosmtpd.controller import Controller
from convene.mail.services import deliver_pending
from convene.mail.tables import OutboxMessage
from httpx import AsyncClient

from tests.accounts.conftest import SmtpServer, smtp_server  # noqa: F401 (fixture)
from tests.delegations.conftest import person

ZOE = "zoë@ministère.example.org"
ANNA = "anna@ministère.example.org"


def _restart(server: SmtpServer, *, smtputf8: bool) -> None:
    """The local mail server again, offering SMTPUTF8 or not."""
    server.stop()
    server.controller = Controller(
        server.inbox, hostname="127.0.0.1", port=server.port, enable_SMTPUTF8=smtputf8
    )
    server.controller.start()


async def _sitting(client: AsyncClient, session: dict[str, Any], bodies: dict[str, str]) -> None:
    sitting = {"starts_at": "2099-08-31T10:00", "ends_at": "2099-08-31T13:00", "room": "Board Room D"}
    answer = await client.post(f"/api/sessions/{session['id']}/sittings", json=sitting, headers=bodies)
    assert answer.status_code == 201, answer.text


async def _approved(client: AsyncClient, registration: Any, bodies: dict[str, str]) -> None:
    assert registration.status_code == 201, registration.text
    answer = await client.post(f"/api/registrations/{registration.json()['id']}/approval", headers=bodies)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "approved"


async def test_a_delegate_with_an_international_address_is_approved_and_written_to(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
    bodies: dict[str, str],
    smtp_server: SmtpServer,
) -> None:
    _restart(smtp_server, smtputf8=False)
    await _sitting(client, session, bodies)  # approval then sends a calendar invitation too
    delegation = await open_delegation(session["id"], austria)
    for address, name in ((ZOE, "Zoë"), (ANNA, "Anna")):
        registration = await register(delegation["id"], austria, **person(email=address, given_name=name))
        await _approved(client, registration, bodies)

    await deliver_pending(smtp_server.settings)
    sent = {tuple(e.rcpt_tos) for e in smtp_server.inbox.envelopes}
    assert ("anna@xn--ministre-60a.example.org",) in sent, "a domain beyond ASCII travels as IDNA"
    failed = await OutboxMessage.select().where(OutboxMessage.recipient.like("%zoë%")).run()
    assert failed and all(row["status"] == "failed" for row in failed)
    assert all("SMTPUTF8" in row["last_error"] for row in failed), failed[0]["last_error"]


async def test_a_mail_server_with_smtputf8_receives_the_address_as_it_is(
    client: AsyncClient,
    session: dict[str, Any],
    austria: dict[str, str],
    open_delegation: Any,
    register: Any,
    bodies: dict[str, str],
    smtp_server: SmtpServer,
) -> None:
    _restart(smtp_server, smtputf8=True)
    await _sitting(client, session, bodies)
    delegation = await open_delegation(session["id"], austria)
    registration = await register(delegation["id"], austria, **person(email=ZOE, given_name="Zoë"))
    await _approved(client, registration, bodies)

    await deliver_pending(smtp_server.settings)
    received = [e for e in smtp_server.inbox.envelopes if ZOE in e.rcpt_tos]
    assert received, [e.rcpt_tos for e in smtp_server.inbox.envelopes]
    assert "SMTPUTF8" in received[0].mail_options
    invitations = [m for m in smtp_server.inbox.messages if "text/calendar" in m.as_string()]
    assert invitations and "Zoë" in str(invitations[-1]["To"]) and ZOE in str(invitations[-1]["To"])
