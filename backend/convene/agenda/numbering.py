"""Agenda numbering: items 1, 2, 3; sub-items (a), (b), (c) under their item."""

from __future__ import annotations

from string import ascii_lowercase


def letter(position: int) -> str:
    """1 → "a", 26 → "z", 27 → "aa", as far as any agenda could need."""
    letters = ""
    while position > 0:
        position, remainder = divmod(position - 1, 26)
        letters = ascii_lowercase[remainder] + letters
    return letters


def item_number(item_position: int, sub_position: int | None = None) -> str:
    if sub_position is None:
        return str(item_position)
    return f"{item_position} ({letter(sub_position)})"
