"""What the secretariat reads of the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec


class AuditEntryOut(msgspec.Struct):
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    object_type: str
    object_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    session_id: int | None
