"""Account e-mails (resets, invitations) in the account's own language."""

from __future__ import annotations

from datetime import UTC, datetime

from babel.dates import format_date
from httpx import AsyncClient

from convene.accounts.roles import Role
from convene.mail.tables import OutboxMessage
from tests.accounts.conftest import Entities, csrf_of, make_person


async def test_a_password_reset_to_a_french_account_is_written_in_french(
    web: AsyncClient, entities: Entities
) -> None:
    await make_person("marie@france.example", Role.DELEGATE, entities.a, language="fr")
    await make_person("karl@austria.example", Role.DELEGATE, entities.a)
    for email in ("marie@france.example", "karl@austria.example"):
        form = await web.get("/password-reset")
        await web.post("/password-reset", data={"email": email, "_csrf_token": csrf_of(form.text)})
    french, english = await OutboxMessage.select().order_by(OutboxMessage.id)
    assert french["recipient"] == "marie@france.example"
    month = format_date(datetime.now(UTC), "MMMM", locale="fr")
    assert f" {month} " in french["text"]
    assert '<html lang="fr" dir="ltr">' in french["html"]
    assert datetime.now(UTC).strftime(" %B ") in english["text"]
    assert '<html lang="en" dir="ltr">' in english["html"]
