"""What happens to a session's agenda and documents, for whoever listens (the audit log)."""

from __future__ import annotations

from dataclasses import dataclass

from convene.events.changes import Change, Snapshot


@dataclass(frozen=True, kw_only=True)
class AgendaItemChanged(Change):
    """An item was added, changed (reworded or moved) or removed: its number and text."""

    object_type = "agenda_item"


@dataclass(frozen=True, kw_only=True)
class AgendaAdopted(Change):
    """The body adopted the session's agenda; the session is the object that changed."""

    object_type = "session"

    def audited(self) -> tuple[Snapshot | None, Snapshot | None]:
        """The status it had and the status and date it has, as they are."""
        return self.before, self.after


@dataclass(frozen=True, kw_only=True)
class DocumentChanged(Change):
    """A document of the session was added, changed or removed."""

    object_type = "document"
