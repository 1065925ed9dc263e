"""What happens to delegations and registrations, for whoever listens.

The audit log hears every one; a registration's changes also reach the
person's e-mail (notices), their calendar (invitations) and, once committed,
the secretariat's live screens, as do arrivals at the desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convene.delegations.vocabulary import PERSON_FIELDS
from convene.events.changes import Change, Snapshot
from convene.meetings.schemas import SessionOut

AUDITED_FIELDS = (*PERSON_FIELDS, "name_order", "mode", "status", "is_head")


@dataclass(frozen=True, kw_only=True)
class DelegationChanged(Change):
    """A delegation was created, or its credentials or quotas changed (the fields given, as given)."""

    object_type = "delegation"

    def audited(self) -> tuple[Snapshot | None, Snapshot | None]:
        return self.before, self.after


@dataclass(frozen=True, kw_only=True)
class RegistrationChanged(Change):
    """A registration was submitted, decided, promoted, switched, substituted or edited.

    ``before`` and ``after`` are the registration's whole rows (``before`` is
    None for a submission); ``change`` is the word its history uses
    (``approved``, ``mode switched``, ...).
    """

    object_type = "registration"
    object_id: int
    after: dict[str, Any]
    change: str
    session: SessionOut | None = None
    """The session as the publisher read it before taking the session's lock, if it did:
    those who write to the person need its title, venue and dates, and need not read them
    again while every other registration to the session waits."""

    @property
    def registration_id(self) -> int:
        return self.object_id

    def audited(self) -> tuple[Snapshot | None, Snapshot | None]:
        """The person, mode, status and headship before and after, whole."""
        return _person(self.before), _person(self.after)


def _person(row: Snapshot | None) -> dict[str, Any] | None:
    return None if row is None else {key: row[key] for key in AUDITED_FIELDS}


@dataclass(frozen=True, kw_only=True)
class CheckedIn(Change):
    """A delegate arrived at the desk, for a sitting or (``sitting_id`` None) for the session."""

    object_type = "registration"
    object_id: int
    session_id: int
    sitting_id: int | None

    @property
    def registration_id(self) -> int:
        return self.object_id

    def audited(self) -> tuple[Snapshot | None, Snapshot | None]:
        return None, {"sitting": self.sitting_id}
