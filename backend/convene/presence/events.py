"""What happens at a hybrid sitting, for whoever listens: the audit log and the live picture."""

from __future__ import annotations

from dataclasses import dataclass

from convene.accounts.access import Actor
from convene.events.bus import publish
from convene.events.changes import Change, Snapshot


@dataclass(frozen=True, kw_only=True)
class PresenceChanged(Change):
    """Someone entered or left the room, or joined or left online (``change`` says which).

    ``registration_id`` is None when the door's late scans were replayed and the whole
    sitting's presence was decided again.
    """

    object_type = "sitting"
    object_id: int
    session_id: int
    registration_id: int | None
    change: str

    @property
    def sitting_id(self) -> int:
        return self.object_id

    def audited(self) -> tuple[Snapshot | None, Snapshot | None]:
        return None, {"registration": self.registration_id, "change": self.change}


@dataclass(frozen=True, kw_only=True)
class HybridSetupChanged(Change):
    """The seats at the table, a delegation's override, a body's quorum or a seat plan changed."""

    object_type = "hybrid_setup"


async def announce(
    actor: Actor, sitting_id: int, session_id: int, registration_id: int | None, change: str
) -> None:
    """Publish that presence at the sitting changed (``entered``, ``left``, ``joined online``)."""
    await publish(
        PresenceChanged(
            actor=actor,
            action=f"presence.{change.replace(' ', '_')}",
            object_id=sitting_id,
            session_id=session_id,
            registration_id=registration_id,
            change=change,
        )
    )
