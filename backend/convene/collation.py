"""Alphabetical order in every script: the Unicode Collation Algorithm, not code points.

Sorting by code point puts "Œuvre" and "Đoàn" after "Zambia", and every
Cyrillic, Arabic or Chinese name after every Latin one. The Unicode
Collation Algorithm with its default table (DUCET, which ICU's root
collation also starts from) sorts "Đ" after "D", "Œ" as "OE", ignores accents
unless all else is equal, and keeps each script's letters in their own
alphabet's order (Latin, then Greek, Cyrillic, Arabic, then ideographs).
That is the English alphabetical order UN lists use, extended to names
written in other scripts.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from pyuca import Collator  # type: ignore[import-untyped]


@cache
def _collator() -> Collator:
    """Loading the collation table takes a fraction of a second: once per process."""
    return Collator()


@lru_cache(maxsize=16_384)
def collation_key(text: str) -> tuple[int, ...]:
    """A sort key: ``sorted(names, key=collation_key)`` is alphabetical order in any script.

    Kept for the names asked most (200 delegations sorted on every page of a queue cost
    70 ms of the collation table's lookups each time; a name's key never changes)."""
    return tuple(_collator().sort_key(text))


def folded(text: str) -> str:
    """``text`` without case or accents, as a search compares it ("muller" finds "Müller")."""
    if text.isascii():  # most names and addresses: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
