"""Calendar invitations follow sittings and registrations, in the transaction of each change."""

from __future__ import annotations

from dataclasses import dataclass

from convene.calendar.identity import CalendarIdentity
from convene.calendar.invitations import announce_sitting_change, invite, withdraw
from convene.calendar.sources import person_of
from convene.delegations.events import RegistrationChanged
from convene.delegations.vocabulary import RegistrationStatus
from convene.events.bus import EventBus
from convene.sittings.events import SittingChanged, SittingRevised

APPROVED = RegistrationStatus.APPROVED.value


def subscribe_invitations(bus: EventBus, identity: CalendarIdentity) -> None:
    """Invitations, with the UIDs and links of this app's ``BASE_URL`` and its sender."""
    invitations = Invitations(identity)
    bus.subscribe(SittingChanged, invitations.sitting_changed)
    bus.subscribe(SittingRevised, invitations.sitting_revised)
    bus.subscribe(RegistrationChanged, invitations.registration_changed)


@dataclass(frozen=True)
class Invitations:
    identity: CalendarIdentity

    async def sitting_changed(self, event: SittingChanged) -> None:
        """A new sitting, a moved, re-roomed or relinked one, a cancelled one: every delegate hears."""
        if event.is_news:
            await announce_sitting_change(self.identity, event.sitting_id)

    async def sitting_revised(self, event: SittingRevised) -> None:
        """The session's venue, link or zone changed: every delegate hears of each live sitting."""
        await announce_sitting_change(self.identity, event.sitting_id)

    async def registration_changed(self, event: RegistrationChanged) -> None:
        """Approved: invited. Switched mode while approved: invited again, with the room or
        the join link of the new mode. No longer approved (cancelled, rejected, substituted):
        withdrawn, from the person as they were approved. A corrected e-mail address while
        approved: withdrawn at the old address, invited at the new one.
        """
        before, after = event.before, event.after
        if before is not None and before["status"] == APPROVED:
            if after["status"] != APPROVED:
                await withdraw(self.identity, person_of(before))
            elif before["email"] != after["email"]:
                await withdraw(self.identity, person_of(before), moved=True)
                await invite(self.identity, person_of(after))
            elif before["mode"] != after["mode"]:
                await invite(self.identity, person_of(after))
        elif after["status"] == APPROVED:
            await invite(self.identity, person_of(after))
