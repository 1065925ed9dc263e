"""Who calendars come from: the public address (for UIDs and links) and the organizer.

Each app builds its identity from its settings, once (see
:mod:`convene.runtime`): the feed controllers receive it, and the
invitations, which subscribe to the domain's events, are built with it.
Two apps with different ``BASE_URL`` thus never mix their UIDs or links.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from urllib.parse import urlsplit

from convene.settings import Settings


@dataclass(frozen=True)
class CalendarIdentity:
    base_url: str
    """``BASE_URL`` without a trailing slash: links and UIDs are built on it."""
    sender: str
    """``SMTP_SENDER``, e.g. ``Convene Secretariat <secretariat@convene.localhost>``."""
    default_timezone: str

    @classmethod
    def from_settings(cls, settings: Settings) -> CalendarIdentity:
        return cls(settings.base_url.rstrip("/"), settings.smtp.sender, settings.default_timezone)

    @property
    def host(self) -> str:
        """The host of ``BASE_URL``: the right-hand side of every UID (``sitting-42@host``)."""
        return urlsplit(self.base_url).hostname or "convene.localhost"

    @property
    def organizer_name(self) -> str:
        return email.utils.parseaddr(self.sender)[0] or "Secretariat"

    @property
    def organizer_email(self) -> str:
        return email.utils.parseaddr(self.sender)[1]

    def session_url(self, session_id: int) -> str:
        return f"{self.base_url}/sessions/{session_id}"

    def uid(self, kind: str, object_id: int) -> str:
        """A UID that never changes for the object: its table and database id, at our host."""
        return f"{kind}-{object_id}@{self.host}"
