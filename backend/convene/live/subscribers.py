"""The session's streams hear each registration change and each arrival, once it has committed."""

from __future__ import annotations

import time
from dataclasses import dataclass

from convene.delegations import events
from convene.events.bus import EventBus
from convene.live.channels import LiveChannels
from convene.live.schemas import CheckedIn, PresenceChanged, RegistrationChanged
from convene.presence import events as presence
from convene.speakers.events import SpeakersChanged


def subscribe_live(bus: EventBus, channels: LiveChannels) -> None:
    live = LiveUpdates(channels)
    bus.subscribe_after_commit(events.RegistrationChanged, live.registration_changed)
    bus.subscribe_after_commit(events.CheckedIn, live.checked_in)
    bus.subscribe_after_commit(presence.PresenceChanged, live.presence_changed)
    bus.subscribe_after_commit(SpeakersChanged, live.speakers_changed)


@dataclass(frozen=True)
class LiveUpdates:
    channels: LiveChannels

    async def registration_changed(self, event: events.RegistrationChanged) -> None:
        update = RegistrationChanged(event.registration_id, event.after["status"], event.change)
        await self.channels.tell(event.after["session"], update)

    async def checked_in(self, event: events.CheckedIn) -> None:
        await self.channels.tell(
            event.session_id, CheckedIn(event.registration_id, event.sitting_id)
        )

    async def presence_changed(self, event: presence.PresenceChanged) -> None:
        update = PresenceChanged(event.sitting_id, event.registration_id, event.change)
        await self.channels.tell(event.session_id, update)

    async def speakers_changed(self, event: SpeakersChanged) -> None:
        """The list's new version to its viewers: ``<version> <committed at>`` LF ``<JSON>``
        (when it committed, in seconds since the epoch, so that delivery can be timed)."""
        assert isinstance(event.object_id, int)
        message = b"%d %.6f\n%s" % (event.version, time.time(), event.news)
        await self.channels.tell_channel(self.channels.speakers_channel(event.object_id), message)
