"""Who calendars come from: the public address (for UIDs and links) and the organizer.

Feeds are answered by controllers, which receive the settings and build a
:class:`CalendarIdentity` from them. Invitations are sent from inside other
domains' services (sittings, registrations), deep below any controller and
called with ids only; rather than thread settings through every service
signature, the app factory records the identity here once, when it builds
the app (:func:`configure`), exactly as it binds the tables to their engine.
Nothing is configured at import time; a process that never built an app (a
CLI command, a script) gets the identity from the environment on first use.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from urllib.parse import urlsplit

from convene.settings import Settings

_configured: CalendarIdentity | None = None


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


def configure(settings: Settings) -> CalendarIdentity:
    """Record the identity invitations use; the app factory calls this."""
    global _configured
    _configured = CalendarIdentity.from_settings(settings)
    return _configured


def current() -> CalendarIdentity:
    """The identity the app factory recorded, or the environment's if no app was built."""
    return _configured or configure(Settings.from_env())
