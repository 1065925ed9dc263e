"""Accounts follow registrations: an approved delegate is offered an account of their own.

A delegate approved by the secretariat gets an invitation to choose a password (through
:func:`convene.accounts.invitations.offer_account`), so they can see their sittings and
their calendar from the web; so does the new address of an approved delegate whose e-mail
was corrected. It runs inside the change's transaction: the invitation is sent with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from convene.accounts.invitations import offer_account
from convene.delegations.events import RegistrationChanged
from convene.delegations.vocabulary import RegistrationStatus
from convene.events.bus import EventBus
from convene.settings import Settings

APPROVED = RegistrationStatus.APPROVED.value


def subscribe_accounts(bus: EventBus, settings: Settings) -> None:
    bus.subscribe(RegistrationChanged, DelegateAccounts(settings).registration_changed)


@dataclass(frozen=True)
class DelegateAccounts:
    settings: Settings

    async def registration_changed(self, event: RegistrationChanged) -> None:
        """Approved now, or approved and at a new address: offer that address an account."""
        after, before = event.after, event.before
        if after["status"] != APPROVED:
            return
        was_approved = before is not None and before["status"] == APPROVED
        if was_approved and before is not None and before["email"] == after["email"]:
            return
        if "entity_id" not in after:
            return
        parts = (after["honorific"], after["given_name"], after["family_name"])
        name = " ".join(part for part in parts if part)
        actor = None if isinstance(event.actor, int) else event.actor
        await offer_account(actor, after["email"], name, after["entity_id"], self.settings)
