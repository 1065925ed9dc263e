"""What happens to the outbox, for whoever listens (the audit log)."""

from __future__ import annotations

from dataclasses import dataclass

from convene.events.changes import Change


@dataclass(frozen=True, kw_only=True)
class OutboxRetried(Change):
    """The secretariat sent a failed message again."""

    object_type = "outbox_message"
