"""What the secretariat reads of the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec


class FieldChange(msgspec.Struct):
    """One field of an object as a change left it: what it was and what it became."""

    field: str
    before: Any
    after: Any
    created: bool = False
    """The object did not exist before: ``before`` means nothing."""
    removed: bool = False
    """The object no longer exists: ``after`` means nothing."""


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

    def changes(self) -> list[FieldChange]:
        """Only what changed: the fields whose value differs before and after; for an object
        created, the fields it was given; for one removed, the fields it had."""
        before, after = self.before or {}, self.after or {}
        if self.before is None:
            return [FieldChange(k, None, v, created=True) for k, v in after.items() if _given(v)]
        if self.after is None:
            return [FieldChange(k, v, None, removed=True) for k, v in before.items() if _given(v)]
        keys = list(dict.fromkeys([*before, *after]))
        return [
            FieldChange(key, before.get(key), after.get(key))
            for key in keys
            if before.get(key) != after.get(key)
        ]


def _given(value: Any) -> bool:
    """A field worth naming in a new object: not empty, not None (False and 0 are values)."""
    return value is not None and value != "" and value != [] and value != {}
