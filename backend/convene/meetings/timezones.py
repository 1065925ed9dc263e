"""Venue time zones: sittings are stored in UTC and shown in the venue's time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from convene.errors import RuleViolation
from convene.translation import gettext


def check_timezone(name: str, *, field: str) -> ZoneInfo:
    """The IANA zone called ``name``, or a 422 naming ``field``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise RuleViolation(
            gettext(
                "%(name)s is not an IANA time zone (for example Europe/Vienna)", name=repr(name)
            ),
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


def venue_instant(local: datetime, zone: str, *, field: str) -> datetime:
    """The UTC instant a wall-clock time in ``zone`` names, or a 422 when it names none or two.

    When the clocks go forward a stretch of local times never happens, and
    when they go back one happens twice: rather than guess (Python would
    move 02:30 to 03:30, calendar programs differ on the repeated hour), the
    message names both instants the time could mean and how to say which:
    the same time with an explicit UTC offset.
    """
    tz = ZoneInfo(zone)
    earlier, later = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return earlier.astimezone(UTC)
    wall = f"{local:%Y-%m-%dT%H:%M}"
    if earlier.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == local:
        problem = gettext(
            "%(time)s happens twice in %(zone)s, as the clocks go back", time=wall, zone=zone
        )
    else:
        problem = gettext(
            "%(time)s does not exist in %(zone)s: the clocks go forward over it",
            time=wall,
            zone=zone,
        )
    first, second = sorted((earlier, later), key=lambda candidate: candidate.astimezone(UTC))
    raise RuleViolation(
        gettext(
            "%(problem)s. It could mean %(first)s or %(second)s: send the time with its UTC "
            "offset, or another time",
            problem=problem,
            first=_reading(wall, first),
            second=_reading(wall, second),
        ),
        field=field,
        status_code=422,
    )


def _reading(wall: str, candidate: datetime) -> str:
    """One instant a local time could mean: with its offset, in UTC, and on the venue's clock."""
    instant = candidate.astimezone(UTC)
    shown = instant.astimezone(candidate.tzinfo)
    offset = candidate.utcoffset() or timedelta(0)
    sign, minutes = ("-" if offset < timedelta(0) else "+"), abs(int(offset.total_seconds())) // 60
    offset_time = f"{wall}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return gettext(
        "%(time)s (%(utc)s UTC, %(local)s %(zone)s on the venue's clock)",
        time=offset_time,
        utc=instant.strftime("%H:%M"),
        local=shown.strftime("%H:%M"),
        zone=shown.tzname(),
    )
