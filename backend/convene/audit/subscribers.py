"""The audit log hears every change, inside its transaction: no entry outlives a rollback."""

from __future__ import annotations

from convene.audit.services import record
from convene.events.bus import EventBus
from convene.events.changes import Change


def subscribe_audit(bus: EventBus) -> None:
    bus.subscribe(Change, keep)


async def keep(change: Change) -> None:
    """One entry for the change, as the domain that made it describes it."""
    before, after = change.audited()
    await record(
        change.actor,
        change.action,
        change.object_type,
        change.object_id,
        before,
        after,
        change.session_id,
    )
