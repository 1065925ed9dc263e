"""Which characters no installed font can draw, and which texts of a report contain them.

A character no font covers is drawn as an empty box, and the PDF's text layer
still claims it: a list of participants would print a name nobody can read
and nobody is told. So building a report checks every text it shows against
the characters the installed fonts cover (fontconfig's ``fc-list``, which is
also where WeasyPrint finds its fonts); the texts it cannot print are named
to whoever asked for the report, and each character that cannot be drawn is
printed as U+FFFD REPLACEMENT CHARACTER, so the text layer says what the page
shows.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

import msgspec

REPLACEMENT = "\ufffd"
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs"})
"""Controls, format characters (bidi isolates, joiners) and spaces: laid out, never drawn as glyphs."""


@cache
def covered_ranges() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The code points the installed fonts cover, as sorted, merged (starts, ends), ends inclusive."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return (0,), (0x10FFFF,)  # no fontconfig: nothing to check against, so nothing is flagged
    listing = subprocess.run(
        [fc_list, "--format", "%{charset}\n"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    ranges = sorted(_parse_charset(listing))
    starts: list[int] = []
    ends: list[int] = []
    for start, end in ranges:
        if ends and start <= ends[-1] + 1:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return tuple(starts), tuple(ends)


def _parse_charset(listing: str) -> list[tuple[int, int]]:
    """fontconfig's charsets ("20-7e a0-17f 2013") → (start, end) pairs."""
    pairs = []
    for token in listing.split():
        first, _, last = token.partition("-")
        pairs.append((int(first, 16), int(last or first, 16)))
    return pairs


def printable(char: str) -> bool:
    """Whether some installed font draws ``char`` (invisible characters need no glyph)."""
    if unicodedata.category(char) in INVISIBLE_CATEGORIES:
        return True
    starts, ends = covered_ranges()
    index = bisect.bisect_right(starts, ord(char)) - 1
    return index >= 0 and ord(char) <= ends[index]


def missing_characters(text: str) -> list[str]:
    """The characters of ``text`` no installed font draws, each once, in order."""
    if text.isascii():
        return []
    return list(dict.fromkeys(char for char in text if not printable(char)))


def with_replacements(text: str) -> str:
    """``text`` with each character no font draws replaced by U+FFFD, as it will be printed."""
    missing = missing_characters(text)
    return text.translate({ord(char): REPLACEMENT for char in missing}) if missing else text


def unprintable(texts: Iterable[str]) -> list[str]:
    """Those of ``texts`` with characters that cannot be printed, each once, in order."""
    return list(dict.fromkeys(text for text in texts if missing_characters(text)))


def report_texts(report: msgspec.Struct) -> list[str]:
    """Every text a report's data holds (titles, names, labels), for :func:`unprintable`."""
    return _texts(msgspec.to_builtins(report))


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []
