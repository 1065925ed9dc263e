"""Changes: the domain events the audit log keeps, one entry each.

A change says who did it (``actor``: an account, its id, or None for the
system or the public), what the audit log calls it (``action``, such as
``sitting.cancelled``), which object and session it concerns, and the
object's fields before and after (``before`` None when it is new, ``after``
None when it is gone). Each domain subclasses it for its own objects, and
any subscriber may hear them; the audit log hears them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from convene.accounts.access import Actor

Snapshot = Mapping[str, Any]


@dataclass(frozen=True, kw_only=True)
class Change:
    object_type: ClassVar[str]
    """What kind of object changed, as the audit log names it: ``sitting``, ``session``, ..."""

    actor: Actor | int
    action: str
    object_id: int | str | None
    before: Snapshot | None = None
    after: Snapshot | None = None
    session_id: int | None = None

    def audited(self) -> tuple[Snapshot | None, Snapshot | None]:
        """What the audit entry keeps: of an object that existed before and after, what changed."""
        if self.before is None or self.after is None:
            return self.before, self.after
        return changed_fields(self.before, self.after)


def changed_fields(before: Snapshot, after: Snapshot) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that changed, as (before, after)."""
    keys = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}
