"""Partial updates: a PATCH body's fields that the client actually sent."""

from __future__ import annotations

from typing import Any

import msgspec


def given_fields(patch: msgspec.Struct) -> dict[str, Any]:
    """The fields of ``patch`` that are set; ``None`` counts as set (it clears a value)."""
    return {
        name: value
        for name, value in msgspec.structs.asdict(patch).items()
        if value is not msgspec.UNSET
    }
