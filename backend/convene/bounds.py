"""The largest numbers and dates Convene takes, so that none overflows a column or a calendar.

Ids are PostgreSQL ``integer`` (serial) columns: 2³¹−1 at most; a larger one
can name nothing and would fail in the database, so it is refused in the
schema. Quotas and capacities count people in a room or a delegation. Dates
stay within years that a calendar, a time zone conversion and a report can
all hold (a sitting on 31 December 9999 in New York ends in year 10000 UTC).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar.params import PathParameter
from msgspec import Meta

MAX_ID = 2**31 - 1
MAX_PLACES = 100_000
"""More than any conference venue seats, or any delegation brings."""
FIRST_YEAR, LAST_YEAR = 1945, 2999
"""The United Nations' first year, and a last year far beyond any meeting yet planned."""

PositiveInt = Annotated[int, Meta(ge=1, le=MAX_ID)]
"""An id, a position or a number in a series."""
Count = Annotated[int, Meta(ge=0, le=MAX_PLACES)]
"""A quota or a capacity."""
PathId = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
"""An id in a URL's path (``/api/sessions/{session_id}``)."""


def within_years(day: date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR
