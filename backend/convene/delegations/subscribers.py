"""The waiting list hears of every change to a session's limits, inside the change's transaction.

A session's room capacity, quotas and format are changed by the meetings domain, which knows
nothing of registrations; when one of them changes, the places it frees are given at once to
those waiting, in the same transaction and under the session's registration lock, rather than
at the next unrelated cancellation.
"""

from __future__ import annotations

from convene.db import locked_transaction
from convene.delegations.places import registration_lock
from convene.delegations.registrations import promote_waiting
from convene.events.bus import EventBus
from convene.meetings.events import SessionChanged

LIMITS = ("room_capacity", "in_person_quota", "online_speaking_quota", "format")
"""What decides whether a waiting registration fits (the format sets the quotas it implies)."""


def subscribe_waitlist(bus: EventBus) -> None:
    bus.subscribe(SessionChanged, apply_waitlist)


async def apply_waitlist(event: SessionChanged) -> None:
    """Promote whoever now fits, if the session's limits changed."""
    before, after = event.before, event.after
    if before is None or after is None or event.session_id is None:
        return
    if all(before.get(limit) == after.get(limit) for limit in LIMITS):
        return
    async with locked_transaction(registration_lock(event.session_id)):
        await promote_waiting(
            None if isinstance(event.actor, int) else event.actor, event.session_id
        )
