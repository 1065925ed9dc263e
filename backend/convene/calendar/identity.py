"""Who calendars come from: the public address (for links), the installation (for UIDs), the organizer.

Each app builds its identity from its settings, once (see
:mod:`convene.runtime`): the feed controllers receive it, and the
invitations, which subscribe to the domain's events, are built with it.
Two apps with different ``BASE_URL`` thus never mix their links. UIDs are
named by the installation, not the host (:mod:`convene.calendar.installation`
adds that name before a calendar is built), so they survive a move.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass

from convene.settings import Settings


@dataclass(frozen=True)
class CalendarIdentity:
    base_url: str
    """``BASE_URL`` without a trailing slash: links and UIDs are built on it."""
    sender: str
    """``SMTP_SENDER``, e.g. ``Convene Secretariat <secretariat@convene.localhost>``."""
    default_timezone: str
    uid_domain: str | None = None
    """The installation's name in UIDs, read from its database (None until then)."""

    @classmethod
    def from_settings(cls, settings: Settings) -> CalendarIdentity:
        return cls(settings.base_url.rstrip("/"), settings.smtp.sender, settings.default_timezone)

    @property
    def organizer_name(self) -> str:
        return email.utils.parseaddr(self.sender)[0] or "Secretariat"

    @property
    def organizer_email(self) -> str:
        return email.utils.parseaddr(self.sender)[1]

    def session_url(self, session_id: int) -> str:
        return f"{self.base_url}/sessions/{session_id}"

    def uid(self, kind: str, object_id: int | str) -> str:
        """A UID that never changes for the object: its kind and id, at the installation's name."""
        if self.uid_domain is None:
            raise RuntimeError("calendar UIDs need the installation's name: see installed()")
        return f"{kind}-{object_id}@{self.uid_domain}"
