"""What text Convene accepts: printable characters; line breaks only where a field has lines.

Control characters have no place in a name, a title or an address, and some
cannot be stored at all (PostgreSQL refuses NUL). A line break in a
single-line field would end up in a calendar property or an e-mail header.
Every text field of every request body names one of these patterns in its
schema, so the API and the forms (which go through the same schemas) refuse
such input with a 400 naming the field.

A schema pattern is checked with Python's ``re.search``, where ``$`` also
matches just before a final line break; :func:`whole` closes that gap, in a
form JSON Schema readers (and schemathesis) understand too.
"""

from __future__ import annotations

import re

UNPRINTABLE = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ud800-\\udfff"
"""Control characters except tab, line feed and carriage return; and lone surrogates."""


def whole(pattern: str) -> str:
    """``pattern`` matching the whole value, final line break included."""
    return f"^(?:{pattern})(?!\\n)$"


LINE = whole(f"[^\\t\\n\\r{UNPRINTABLE}]*")
"""One line of printable text: names, titles, places, codes."""
TEXT = whole(f"[^{UNPRINTABLE}]*")
"""Printable text over several lines (tabs allowed): descriptions, notes."""
LINE_PATTERN = re.compile(LINE)
TEXT_PATTERN = re.compile(TEXT)

ONE_LINE = "Use printable characters on one line: no line breaks, tabs or control characters"
PRINTABLE = "Use printable characters: no control characters"


def plain_message(message: str) -> str:
    """msgspec's "Expected `str` matching regex '...'" for these patterns, in words."""
    for pattern, words in ((LINE, ONE_LINE), (TEXT, PRINTABLE)):
        # The pattern as it is, or as its repr() shows it (Litestar's messages).
        if pattern in message or pattern.replace("\\", "\\\\") in message:
            return words
    return message
