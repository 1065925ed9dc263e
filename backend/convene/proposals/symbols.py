"""L document symbols: the session's prefix, "L.", the serial, and "/Rev.n" for a revision."""

from __future__ import annotations

import re

from convene.errors import RuleViolation
from convene.translation import gettext

L_SERIAL = re.compile(r"/L\.(\d+)$")


def l_symbol(prefix: str, serial: int, revision: int = 0) -> str:
    """ "CAC/COSP/2017/L.8", "CAC/COSP/2017/L.8/Rev.1"."""
    symbol = f"{prefix}/L.{serial}"
    return f"{symbol}/Rev.{revision}" if revision else symbol


def serial_of(symbol: str, prefix: str) -> int:
    """The serial of a symbol the secretariat typed, which must be one of this session's L
    documents."""
    found = L_SERIAL.search(symbol)
    if not found or symbol[: found.start()] != prefix:
        first, second = f"{prefix}/L.1", f"{prefix}/L.2"
        raise RuleViolation(
            gettext(
                "An L document of this session is numbered %(first)s, %(second)s ...",
                first=first,
                second=second,
            ),
            field="symbol",
            status_code=422,
        )
    return int(found.group(1))


def next_free(taken: set[int]) -> int:
    """The lowest serial not taken: L.1 first; a gap left by a typed symbol is filled."""
    serial = 1
    while serial in taken:
        serial += 1
    return serial
