"""Mending a cache of tinyhtml5, the HTML parser WeasyPrint reads every report with.

For each text and attribute value it reads, tinyhtml5 (2.1.0) builds the
regular expression of the characters that end it and means to keep it for
the next one; but it files the expression under itself rather than under the
characters it looks it up by (``characters = cache[(characters, opposite)] =
regex`` assigns ``characters`` first), so no look-up ever finds one. A list
of participants has some 2,400 attributes: building their expressions again
was half the time of parsing it. :func:`install` gives tinyhtml5 a cache
that files each expression under the characters it is looked up by; it can
go once tinyhtml5 files them right itself (``tests/reports/test_parsing.py``
says whether it still must).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tinyhtml5 import inputstream

CharactersUntil = tuple[Iterable[str], bool]
"""tinyhtml5's key: the characters that end a run, and whether the run is made of them instead."""


class _Patterns(dict[CharactersUntil, re.Pattern[str]]):
    """The expression for each key, built the way tinyhtml5 builds it, on its first look-up."""

    def __missing__(self, key: CharactersUntil) -> re.Pattern[str]:
        characters, opposite = key
        ranges = "".join(f"\\x{ord(character):02x}" for character in characters)
        pattern = self[key] = re.compile(f"[{'' if opposite else '^'}{ranges}]+")
        return pattern


def install() -> None:
    """Make tinyhtml5 find the expressions it has built (idempotent)."""
    if not isinstance(inputstream.characters_until_regex, _Patterns):
        inputstream.characters_until_regex = _Patterns()
