"""The outbox writes the e-mails the domain's events call for, in their transactions.

A message is committed with the change that caused it, or rolled back with it.
"""

from __future__ import annotations

from convene.accounts.events import AccountInvited, PasswordResetRequested
from convene.accounts.messages import invitation_message, reset_message
from convene.delegations.events import RegistrationChanged
from convene.delegations.notices import notice_for
from convene.events.bus import EventBus
from convene.mail.services import enqueue


def subscribe_mail(bus: EventBus) -> None:
    bus.subscribe(RegistrationChanged, send_registration_notice)
    bus.subscribe(AccountInvited, send_invitation)
    bus.subscribe(PasswordResetRequested, send_reset_link)


async def send_registration_notice(event: RegistrationChanged) -> None:
    """Tell the registered person what happened, when the change calls for it."""
    notice = await notice_for(event)
    if notice is not None:
        await enqueue(notice.recipient, notice.mail.subject, notice.mail.text)


async def send_invitation(event: AccountInvited) -> None:
    mail = await invitation_message(event)
    await enqueue(event.email, mail.subject, mail.text, mail.html)


async def send_reset_link(event: PasswordResetRequested) -> None:
    mail = await reset_message(event)
    await enqueue(event.email, mail.subject, mail.text, mail.html)
