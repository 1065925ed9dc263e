"""What happens to sessions, bodies and officers, for whoever listens (the audit log)."""

from __future__ import annotations

from dataclasses import dataclass

from convene.events.changes import Change


@dataclass(frozen=True, kw_only=True)
class SessionChanged(Change):
    """A session was created, changed or deleted (``before``/``after`` as the API shows it)."""

    object_type = "session"


@dataclass(frozen=True, kw_only=True)
class BodyChanged(Change):
    """A body (the Conference, a review or working group) was created or changed."""

    object_type = "body"


@dataclass(frozen=True, kw_only=True)
class OfficerChanged(Change):
    """An officer of a session was added, changed or removed."""

    object_type = "officer"
