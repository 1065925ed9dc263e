"""Text in calendars: the one way any text value or parameter is written (RFC 5545, RFC 7986).

Names of bodies and sessions' subjects are typed by people: commas,
semicolons, backslashes and line breaks are ordinary in them, and each one
written raw cuts a name short in some reader or breaks the whole calendar.
"""

from __future__ import annotations

import re

from icalendar import Component, vText

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters RFC 5545 allows in no TEXT value (tab and line feed it escapes)."""


def text(value: str) -> vText:
    """Any text a calendar shows, as RFC 5545 (§3.3.11) and RFC 7986 write TEXT.

    The one way text enters a calendar: line breaks become one kind (LF,
    written ``\\n``), other control characters go, and backslash, semicolon
    and comma are escaped when written, so a body called "Group of Experts;
    Vienna, 2027" is one name in every reader.
    """
    return vText(CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")))


def add_text(component: Component, name: str, value: str) -> None:
    component.add(name, text(value))


def parameter(value: str) -> str:
    """A parameter's value (CN, LABEL) on one line; quotes are written as RFC 6868 says."""
    return CONTROL.sub("", " ".join(value.split()))
