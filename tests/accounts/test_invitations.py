"""Inviting people by e-mail: a single-use, expiring link to set a password."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient

from convene.accounts.links import INVITATION_VALID
from convene.accounts.roles import Role
from convene.accounts.tables import Account, AccountLink
from convene.accounts.tokens import token_hash
from convene.audit.tables import AuditEntry
from convene.mail.services import deliver_pending
from convene.mail.tables import OutboxMessage
from convene.settings import Settings
from tests.accounts.conftest import BASE_URL, Entities, SmtpServer, csrf_of, make_person
from tests.conftest import AppBuilder, app_client, running

NEW_PASSWORD = "a brand new long password"


def _invitation(**overrides: Any) -> dict[str, Any]:
    return {
        "email": "Focal.Point@Austria.example",
        "full_name": "Ms. Anna Huber",
        "role": "focal_point",
    } | overrides


async def _invite_and_fetch_link(
    web: AsyncClient, headers: dict[str, str], smtp_server: SmtpServer, **overrides: Any
) -> str:
    answer = await web.post("/api/invitations", json=_invitation(**overrides), headers=headers)
    assert answer.status_code == 201, answer.text
    report = await deliver_pending(smtp_server.settings)
    assert report.sent == 1
    links = smtp_server.inbox.links("/accept-invitation")
    assert len(links) == 1
    return links[0]


async def _accept(
    web: AsyncClient, link: str, password: str = NEW_PASSWORD, confirmation: str | None = None
) -> Any:
    form = await web.get(link)
    if form.status_code != 200:  # no form on the "link not valid" page: take the token from another
        form = await web.get("/sign-in")
    token = link.split("token=")[1]
    data = {"token": token, "password": password, "password_confirmation": confirmation or password}
    return await web.post("/accept-invitation", data={**data, "_csrf_token": csrf_of(form.text)})


async def test_the_secretariat_invites_a_focal_point_who_sets_a_password_and_is_signed_in(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities, smtp_server: SmtpServer
) -> None:
    answer = await web.post(
        "/api/invitations", json=_invitation(entity_id=entities.a), headers=secretariat
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["account"]["status"] == "invited"
    assert body["account"]["email"] == "focal.point@austria.example"
    assert body["account"]["entity_name"] == "Austria"
    expires_at = datetime.fromisoformat(body["expires_at"])
    assert abs(expires_at - (datetime.now(UTC) + INVITATION_VALID)) < timedelta(minutes=1)

    await deliver_pending(smtp_server.settings)
    [message] = smtp_server.inbox.messages
    assert message["To"] == "focal.point@austria.example"
    assert message["Subject"] == "Your Convene account: choose a password"
    assert (
        "http://convene.test/accept-invitation?token=" in message.get_body(("plain",)).get_content()
    )
    [path] = smtp_server.inbox.links("/accept-invitation")

    form = await web.get(path)
    assert form.status_code == 200 and "Ms. Anna Huber" in form.text
    assert form.headers["referrer-policy"] == "no-referrer"
    accepted = await _accept(web, path)
    assert accepted.status_code == 303 and accepted.headers["location"] == "/focal-point"
    me = (await web.get("/api/me")).json()
    assert (
        me["role"] == "focal_point" and me["entity_id"] == entities.a and me["status"] == "active"
    )


async def test_only_the_hash_of_the_link_token_is_stored(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities, smtp_server: SmtpServer
) -> None:
    link = await _invite_and_fetch_link(web, secretariat, smtp_server, entity_id=entities.a)
    token = link.split("token=")[1]
    [row] = await AccountLink.select(AccountLink.token_hash)
    assert row["token_hash"] == token_hash(token) and token not in row["token_hash"]


async def test_an_invitation_link_works_once(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities, smtp_server: SmtpServer
) -> None:
    link = await _invite_and_fetch_link(web, secretariat, smtp_server, entity_id=entities.a)
    assert (await _accept(web, link)).status_code == 303
    again = await web.get(link)
    assert again.status_code == 400 and "expired or has already been used" in again.text
    form = await web.get("/sign-in")
    replay = await web.post(
        "/accept-invitation",
        data={
            "token": link.split("token=")[1],
            "password": "another long password",
            "password_confirmation": "another long password",
            "_csrf_token": csrf_of(form.text),
        },
    )
    assert replay.status_code == 400


async def test_an_expired_invitation_link_is_refused(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities, smtp_server: SmtpServer
) -> None:
    link = await _invite_and_fetch_link(web, secretariat, smtp_server, entity_id=entities.a)
    await AccountLink.update(
        {AccountLink.expires_at: datetime.now(UTC) - timedelta(seconds=1)}, force=True
    )
    assert (await web.get(link)).status_code == 400
    assert (await _accept(web, link.replace("token=", "token=x"))).status_code == 400


async def test_a_short_or_mismatched_password_is_shown_on_the_form(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities, smtp_server: SmtpServer
) -> None:
    link = await _invite_and_fetch_link(web, secretariat, smtp_server, entity_id=entities.a)
    short = await _accept(web, link, "short")
    assert short.status_code == 400 and "at least 12 characters" in short.text
    assert 'aria-invalid="true"' in short.text
    mismatch = await _accept(web, link, NEW_PASSWORD, "something else entirely")
    assert mismatch.status_code == 400 and "not the same" in mismatch.text
    assert (await _accept(web, link)).status_code == 303


async def test_inviting_again_replaces_the_earlier_link(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities, smtp_server: SmtpServer
) -> None:
    first = await _invite_and_fetch_link(web, secretariat, smtp_server, entity_id=entities.a)
    smtp_server.inbox.envelopes.clear()
    second = await _invite_and_fetch_link(web, secretariat, smtp_server, entity_id=entities.a)
    assert (await web.get(first)).status_code == 400
    assert (await web.get(second)).status_code == 200
    assert await Account.count() == 2  # the officer and the one invited person


async def test_a_focal_point_invites_delegates_of_their_own_entity_only(
    web: AsyncClient, entities: Entities, make_account_headers: Any, smtp_server: SmtpServer
) -> None:
    focal = await make_account_headers("focal@austria.example", Role.FOCAL_POINT, entities.a)
    delegate = {
        "email": "delegate@austria.example",
        "full_name": "Mr. Karl Gruber",
        "role": "delegate",
    }
    answer = await web.post("/api/invitations", json=delegate, headers=focal)
    assert answer.status_code == 201, answer.text
    assert answer.json()["account"]["entity_id"] == entities.a
    other = await web.post(
        "/api/invitations",
        json={**delegate, "email": "x@brazil.example", "entity_id": entities.b},
        headers=focal,
    )
    assert other.status_code == 404
    focal_point = await web.post(
        "/api/invitations",
        json={**delegate, "email": "y@austria.example", "role": "focal_point"},
        headers=focal,
    )
    assert focal_point.status_code == 403


async def test_who_may_not_invite(
    web: AsyncClient, entities: Entities, make_account_headers: Any
) -> None:
    delegate = await make_account_headers("delegate@austria.example", Role.DELEGATE, entities.a)
    body = _invitation(role="delegate", entity_id=entities.a)
    assert (await web.post("/api/invitations", json=body, headers=delegate)).status_code == 403
    assert (await web.post("/api/invitations", json=body)).status_code == 401
    assert await OutboxMessage.count() == 0


async def test_bad_invitations_answer_problem_details_naming_the_field(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities
) -> None:
    cases = [
        (_invitation(email="not an address", entity_id=entities.a), 400, "email"),
        (_invitation(), 400, "entity_id"),
        (_invitation(entity_id=999_999), 400, "entity_id"),
        (_invitation(role="secretariat", entity_id=entities.a), 400, "entity_id"),
        (_invitation(role="emperor", entity_id=entities.a), 400, "role"),
        (_invitation(full_name="   ", entity_id=entities.a), 400, "full_name"),
        (_invitation(entity_id=entities.a, extra=1), 400, None),
    ]
    for body, status, field in cases:
        answer = await web.post("/api/invitations", json=body, headers=secretariat)
        assert answer.status_code == status, (body, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        if field:
            assert field in [error["field"] for error in answer.json()["errors"]], answer.json()


async def test_an_address_that_already_has_an_account_cannot_be_invited(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities
) -> None:
    await make_person("taken@austria.example", Role.DELEGATE, entities.a)
    answer = await web.post(
        "/api/invitations",
        json=_invitation(email="taken@austria.example", entity_id=entities.a),
        headers=secretariat,
    )
    assert answer.status_code == 409, answer.text
    assert answer.json()["errors"][0]["field"] == "email"


async def test_invitation_and_acceptance_are_audited(
    web: AsyncClient, secretariat: dict[str, str], entities: Entities, smtp_server: SmtpServer
) -> None:
    link = await _invite_and_fetch_link(web, secretariat, smtp_server, entity_id=entities.a)
    await _accept(web, link)
    rows = await AuditEntry.select().order_by(AuditEntry.id)
    assert [row["action"] for row in rows] == [
        "account.invited",
        "account.invitation_accepted",
        "account.signed_in",
    ]
    invited = rows[0]
    assert invited["actor_name"] == "Officer"
    assert '"role":"focal_point"' in invited["after"].replace(" ", "")
    assert "token" not in invited["after"]


async def test_the_link_token_stays_out_of_the_request_log(
    settings: Settings,
    build_app: AppBuilder,
    secretariat: dict[str, str],
    entities: Entities,
    smtp_server: SmtpServer,
    capsys: Any,
    caplog: pytest.LogCaptureFixture,
    logging_put_back: None,
) -> None:
    app = build_app(settings)  # built under this test's capture, so its request log is read here
    caplog.set_level(logging.WARNING, logger="httpx")  # the test's client logs its own requests
    async with running(app), app_client(app, BASE_URL) as web:
        web.follow_redirects = False
        link = await _invite_and_fetch_link(web, secretariat, smtp_server, entity_id=entities.a)
        capsys.readouterr()
        await web.get("/sign-in", params={"next": "/account"})
        assert (await web.get(link)).status_code == 200
    logged = capsys.readouterr()
    assert '"path":"/sign-in"' in logged.out  # requests are logged...
    assert link.split("token=")[1] not in logged.out + logged.err  # ...but not the secret link


async def test_an_account_in_use_cannot_be_re_invited_into_another_role(
    client: AsyncClient, make_account_headers: Any
) -> None:
    """An account with an API token is in use, even before any password: its role stays."""
    secretariat = await make_account_headers("officer@un.example", Role.SECRETARIAT)
    me = (await client.get("/api/me", headers=secretariat)).json()
    answer = await client.post("/api/invitations", headers=secretariat, json={
        "email": me["email"], "full_name": "Someone Else", "role": "secretariat"})
    assert answer.status_code == 409, answer.text
    assert answer.json()["errors"][0]["field"] == "email"
    assert (await client.get("/api/me", headers=secretariat)).json() == me
