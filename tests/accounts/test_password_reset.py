"""Resetting a forgotten password: one link, one hour, the same answer for unknown addresses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient

from convene.accounts.links import RESET_VALID
from convene.accounts.roles import Role
from convene.accounts.tables import AccountLink, WebSession
from convene.mail.services import deliver_pending
from convene.mail.tables import OutboxMessage
from tests.accounts.conftest import PASSWORD, Entities, SmtpServer, csrf_of, make_person, sign_in

NEW_PASSWORD = "an entirely new passphrase"


async def _request_reset(web: AsyncClient, email: str) -> object:
    form = await web.get("/password-reset")
    return await web.post(
        "/password-reset", data={"email": email, "_csrf_token": csrf_of(form.text)}
    )


async def _reset(web: AsyncClient, link: str, password: str = NEW_PASSWORD) -> object:
    form = await web.get(link)
    assert form.status_code == 200, form.text
    return await web.post(
        "/password-reset/confirm",
        data={
            "token": link.split("token=")[1],
            "password": password,
            "password_confirmation": password,
            "_csrf_token": csrf_of(form.text),
        },
    )


async def test_a_reset_link_sets_a_new_password_and_signs_out_other_browsers(
    web: AsyncClient, app: object, entities: Entities, smtp_server: SmtpServer
) -> None:
    await make_person(
        "delegate@austria.example", Role.DELEGATE, entities.a, full_name="Mr. Karl Gruber"
    )
    await sign_in(web, "delegate@austria.example")  # another browser, still signed in
    other_browser = web.cookies["__Host-convene_session"]
    web.cookies.clear()

    answer = await _request_reset(web, "DELEGATE@austria.example")
    assert answer.status_code == 200
    assert "If an account uses this address" in answer.text
    await deliver_pending(smtp_server.settings)
    [message] = smtp_server.inbox.messages
    assert message["Subject"] == "Reset your Convene password"
    assert "Dear Mr. Karl Gruber" in message.get_body(("plain",)).get_content()
    [link] = smtp_server.inbox.links("/password-reset/confirm")

    reset = await _reset(web, link)
    assert reset.status_code == 303 and reset.headers["location"] == "/my"  # a delegate's own page
    assert (await web.get("/api/me")).status_code == 200
    assert await WebSession.count() == 1
    web.cookies.clear()
    web.cookies.set("__Host-convene_session", other_browser, domain="convene.test")
    assert (await web.get("/api/me")).status_code == 401
    assert (await sign_in(web, "delegate@austria.example", PASSWORD)).status_code == 400
    assert (await sign_in(web, "delegate@austria.example", NEW_PASSWORD)).status_code == 303


async def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    known = await _request_reset(web, "delegate@austria.example")
    unknown = await _request_reset(web, "nobody@austria.example")
    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text
    assert await OutboxMessage.count() == 1


async def test_a_reset_link_lasts_one_hour_and_works_once(
    web: AsyncClient, entities: Entities, smtp_server: SmtpServer
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    await _request_reset(web, "delegate@austria.example")
    [row] = await AccountLink.select(AccountLink.expires_at, AccountLink.created_at)
    assert abs(row["expires_at"] - row["created_at"] - RESET_VALID) < timedelta(seconds=5)
    await deliver_pending(smtp_server.settings)
    [link] = smtp_server.inbox.links("/password-reset/confirm")
    assert (await _reset(web, link)).status_code == 303
    assert (await web.get(link)).status_code == 400

    await _request_reset(web, "delegate@austria.example")
    await deliver_pending(smtp_server.settings)
    newest = smtp_server.inbox.links("/password-reset/confirm")[-1]
    await AccountLink.update(
        {AccountLink.expires_at: datetime.now(UTC) - timedelta(seconds=1)}, force=True
    )
    expired = await web.get(newest)
    assert expired.status_code == 400 and "Ask for a new reset link" in expired.text


async def test_no_more_than_three_reset_mails_an_hour(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    answers = [await _request_reset(web, "delegate@austria.example") for _ in range(5)]
    assert {answer.status_code for answer in answers} == {200}
    assert await OutboxMessage.count() == 3


async def test_an_address_that_is_not_one_is_named_as_the_problem(
    web: AsyncClient, app: object
) -> None:
    answer = await _request_reset(web, "not-an-address")
    assert answer.status_code == 400
    assert "not a valid e-mail address" in answer.text and 'aria-invalid="true"' in answer.text


async def test_a_reset_link_cannot_be_used_as_an_invitation(
    web: AsyncClient, entities: Entities, smtp_server: SmtpServer
) -> None:
    await make_person("delegate@austria.example", Role.DELEGATE, entities.a)
    await _request_reset(web, "delegate@austria.example")
    await deliver_pending(smtp_server.settings)
    [link] = smtp_server.inbox.links("/password-reset/confirm")
    assert (
        await web.get(link.replace("/password-reset/confirm", "/accept-invitation"))
    ).status_code == 400
