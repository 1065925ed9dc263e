"""What happens to sittings, for whoever listens (the audit log, calendar invitations)."""

from __future__ import annotations

from dataclasses import dataclass

from convene.events.changes import Change


@dataclass(frozen=True, kw_only=True)
class SittingChanged(Change):
    """A sitting was scheduled, changed or cancelled.

    ``before`` and ``after`` are the sitting as the API shows it (with its links).
    """

    object_type = "sitting"
    object_id: int

    @property
    def sitting_id(self) -> int:
        return self.object_id

    @property
    def is_news(self) -> bool:
        """Calendars must hear of it: a new sitting, or one whose SEQUENCE rose."""
        if self.before is None or self.after is None:
            return True
        return self.after["sequence"] > self.before["sequence"]


@dataclass(frozen=True)
class SittingRevised:
    """A sitting's SEQUENCE rose because its session's venue, link or time zone changed.

    Not a change of its own in the audit log: the session's change is.
    """

    sitting_id: int
    session_id: int
