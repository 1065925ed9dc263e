"""What callers hand the outbox, and what the secretariat sees of it."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec


class Attachment(msgspec.Struct, frozen=True):
    """A file sent with a message.

    ``content_type`` may carry parameters, which are kept on the MIME part:
    ``text/calendar; method=REQUEST; charset=utf-8`` for a meeting invitation.
    ``alternative`` makes it another form of the message's text rather than a
    file: it goes in the ``multipart/alternative`` beside the plain text (the
    place mail programs look for an invitation to act on), and the file name
    stays unused.
    """

    filename: str
    content: bytes
    content_type: str = "application/octet-stream"
    disposition: Literal["attachment", "inline", "alternative"] = "attachment"


class OutboxMessageOut(msgspec.Struct):
    id: int
    recipient: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    attachments: list[str]


class DeliveryReport(msgspec.Struct):
    """What one pass of the sender did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0


class OutboxMessageRead(OutboxMessageOut, kw_only=True):
    """A message with its text, for the secretariat's outbox page (the API lists no bodies).

    A sent message's text has its links' secrets redacted
    (see :func:`~convene.mail.services.redacted`);
    a pending one still carries them, so the secretariat can pass on a link that did not arrive.
    """

    text: str
