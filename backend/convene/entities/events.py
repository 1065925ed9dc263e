"""What happens to the registry of participating entities, for whoever listens (the audit log)."""

from __future__ import annotations

from dataclasses import dataclass

from convene.events.changes import Change


@dataclass(frozen=True, kw_only=True)
class EntityChanged(Change):
    """An entity (a State, an organization) was added to the registry or changed."""

    object_type = "entity"
