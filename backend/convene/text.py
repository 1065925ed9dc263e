"""What text Convene accepts: printable characters; line breaks only where a field has lines.

Control characters have no place in a name, a title or an address, and some
cannot be stored at all (PostgreSQL refuses NUL). A line break in a
single-line field would end up in a calendar property or an e-mail header.
Every text field of every request body takes :func:`line`, :func:`text` or
:func:`matching` as its constraints, so the API and the forms (which go
through the same schemas) refuse such input with a 400 naming the field.

A schema pattern is checked with Python's ``re.search``, where ``$`` also
matches just before a final line break; :func:`whole` closes that gap, in a
form JSON Schema readers (and schemathesis) understand too.
"""

from __future__ import annotations

import re
from typing import Any

from msgspec import Meta

from convene.translation import N_, gettext

SURROGATES = "\\ud800-\\udfff"
"""Lone surrogates: JSON can spell them, no text column can store them."""
UNPRINTABLE = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f" + SURROGATES
"""Control characters except tab, line feed and carriage return; and lone surrogates."""


def whole(pattern: str) -> str:
    """``pattern`` matching the whole value, final line break included, as Python reads it."""
    return f"^(?:{pattern})(?!\\n)$"


def matching(pattern: str, **constraints: Any) -> Meta:
    """A string field's constraints: the whole value matches ``pattern``.

    msgspec checks the Python form (:func:`whole`); the OpenAPI document shows
    the JSON Schema form, where ``$`` already means the end of the value and
    which fuzzers and other languages' validators read without lookarounds.
    """
    schema = {"extra": {"pattern": _schema_pattern(pattern)}}
    return Meta(pattern=whole(pattern), extra_json_schema=schema, **constraints)


def _schema_pattern(pattern: str) -> str:
    return f"^(?:{pattern.replace(SURROGATES, '')})$"


def line(**constraints: Any) -> Meta:
    """One line of printable text: names, titles, places."""
    return matching(LINE_CHARACTERS, **constraints)


def text(**constraints: Any) -> Meta:
    """Printable text over several lines (tabs allowed): descriptions, notes."""
    return matching(TEXT_CHARACTERS, **constraints)


LINE_CHARACTERS = f"[^\\t\\n\\r{UNPRINTABLE}]*"
TEXT_CHARACTERS = f"[^{UNPRINTABLE}]*"
LINE = whole(LINE_CHARACTERS)
LINE_SCHEMA = _schema_pattern(LINE_CHARACTERS)
"""One printable line, as a JSON Schema pattern (ECMA-262: ``$`` is the end of the value)."""
TEXT = whole(TEXT_CHARACTERS)
LINE_PATTERN = re.compile(LINE)
TEXT_PATTERN = re.compile(TEXT)

ONE_LINE = N_("Use printable characters on one line: no line breaks, tabs or control characters")
PRINTABLE = N_("Use printable characters: no control characters")


def plain_message(message: str) -> str:
    """msgspec's "Expected `str` matching regex '...'" for these patterns, in words (translated)."""
    for pattern, words in ((LINE, ONE_LINE), (TEXT, PRINTABLE)):
        # The pattern as it is, or as its repr() shows it (Litestar's messages).
        if pattern in message or pattern.replace("\\", "\\\\") in message:
            return gettext(words)
    return message
