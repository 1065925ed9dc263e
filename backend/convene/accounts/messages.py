"""The e-mails accounts send (invitations, password resets), in the recipient's language.

Their words are the templates ``frontend/templates/mail/invitation.*`` and
``password_reset.*``: plain text first, complete on its own; the HTML
alternative says the same with a link.
"""

from __future__ import annotations

from convene.accounts.correspondence import correspondence_language
from convene.accounts.events import LinkIssued
from convene.accounts.tables import Account
from convene.mail.templates import Mail, render_mail


async def invitation_message(event: LinkIssued) -> Mail:
    return await _link_message("invitation", event)


async def reset_message(event: LinkIssued) -> Mail:
    return await _link_message("password_reset", event)


async def _link_message(name: str, event: LinkIssued) -> Mail:
    language = await correspondence_language(event.email)
    return render_mail(
        name,
        language,
        full_name=event.full_name,
        role=await _role(event.email),  # an invitation says what the account is for
        url=event.link,
        expires_at=event.expires_at,
    )


async def _role(email: str) -> str | None:
    account = await Account.select(Account.role).where(Account.email == email).first()
    return account["role"] if account else None
