"""What a live update says: which registration changed, never who it is.

Events travel through Redis and reach every open stream of the session, so
they carry ids and statuses only; a screen that hears one reloads what it
shows through the API, where access is checked as usual.
"""

from __future__ import annotations

import msgspec


class Ready(msgspec.Struct, frozen=True, tag_field="kind", tag="ready"):
    """The stream listens from now on: reload what you show, and miss nothing after it."""


class RegistrationChanged(msgspec.Struct, frozen=True, tag_field="kind", tag="registration"):
    """A registration was submitted, decided, promoted from the waitlist or otherwise changed."""

    registration_id: int
    status: str
    change: str
    """What happened, as in the registration's history: ``approved``, ``mode switched``, ..."""


class CheckedIn(msgspec.Struct, frozen=True, tag_field="kind", tag="check_in"):
    """A delegate was checked in at the desk (for a sitting, or for the session)."""

    registration_id: int
    sitting_id: int | None


class PresenceChanged(msgspec.Struct, frozen=True, tag_field="kind", tag="presence"):
    """At a sitting, someone entered or left the room, or joined or left online.

    ``registration_id`` is None when the door's late scans were decided again (``replayed``).
    """

    sitting_id: int
    registration_id: int | None
    change: str


LiveEvent = RegistrationChanged | CheckedIn | PresenceChanged
