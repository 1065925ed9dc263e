"""Sittings follow what their calendar events show but do not own: the session, its body, its agenda.

Each handler runs inside the transaction of the change it hears and raises
the SEQUENCE of the live sittings that now read differently; their
:class:`~convene.sittings.events.SittingRevised` events then send every
approved delegate the update (see :mod:`convene.calendar.subscribers`).
"""

from __future__ import annotations

from convene.agenda.events import AgendaItemChanged
from convene.events.bus import EventBus
from convene.meetings.events import BodyChanged, SessionChanged
from convene.sittings.services import (
    follow_agenda_change,
    follow_body_rename,
    follow_session_change,
)


def subscribe_sittings(bus: EventBus) -> None:
    bus.subscribe(SessionChanged, follow_session)
    bus.subscribe(BodyChanged, follow_body)
    bus.subscribe(AgendaItemChanged, follow_agenda)


async def follow_session(event: SessionChanged) -> None:
    """A new title, place, link or zone reaches every sitting; a session called off cancels them."""
    if event.before is not None and event.after is not None:
        await follow_session_change(event.actor, event.before, event.after)


async def follow_body(event: BodyChanged) -> None:
    if event.before is not None and event.after is not None:
        if event.before["names"] != event.after["names"]:  # in any of the six languages
            await follow_body_rename(str(event.object_id))


async def follow_agenda(event: AgendaItemChanged) -> None:
    """An item's number and title are in the description of each sitting that takes it up."""
    before, after = event.before, event.after
    if event.session_id is None or event.object_id is None:
        return
    if after is None:
        change = "removed"
    elif before is None or before["number"] != after["number"]:
        change = "renumbered"
    elif before["titles"] != after["titles"]:  # in any of the six languages
        change = "reworded"
    else:
        return  # its description only: no calendar shows it
    await follow_agenda_change(event.session_id, int(event.object_id), change=change)
