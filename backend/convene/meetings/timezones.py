"""Venue time zones: sittings are stored in UTC and shown in the venue's time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from convene.errors import RuleViolation


def check_timezone(name: str, *, field: str) -> ZoneInfo:
    """The IANA zone called ``name``, or a 422 naming ``field``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise RuleViolation(
            f"{name!r} is not an IANA time zone (for example Europe/Vienna)",
            field=field,
            status_code=422,
        ) from error


def local_day_bounds(first: date, last: date, zone: str) -> tuple[datetime, datetime]:
    """The UTC instants at which ``first`` begins and ``last`` ends, in ``zone``."""
    tz = ZoneInfo(zone)
    start = datetime.combine(first, time.min, tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def in_zone(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def as_utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC datetime, whichever engine returned it."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
