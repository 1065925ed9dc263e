"""Dates, times and counts written as UN documents write them, in the current language.

English: "31 August–2 September 2020", "Monday, 31 August 2020", "10 a.m.–1 p.m.",
"3–6 p.m.": the forms the Editorial Manual uses, so a printed programme reads
like the ones delegates already know. The other five languages take their
own forms from Babel's CLDR data ("31 août 2020", "2020年8月31日", "10:00–13:00").
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval

from convene.translation import ENGLISH, current_locale

EN_DASH = "\u2013"


def _in_english() -> bool:
    return current_locale() == ENGLISH


def long_date(day: date) -> str:
    """``date(2020, 8, 31)`` → "31 August 2020" ("31 août 2020" in French)."""
    if not _in_english():
        return format_date(day, "long", locale=current_locale())
    return f"{day.day} {day:%B %Y}"


def weekday_date(day: date) -> str:
    """``date(2020, 8, 31)`` → "Monday, 31 August 2020" ("lundi 31 août 2020")."""
    if not _in_english():
        return format_date(day, "full", locale=current_locale())
    return f"{day:%A}, {long_date(day)}"


def date_span(first: date, last: date) -> str:
    """A session's dates, repeating only what differs: "7–11 June 2021", "31 August–2 September 2020"."""
    if first == last:
        return long_date(first)
    if not _in_english():
        return format_interval(first, last, "yMMMMd", locale=current_locale())
    if first.year != last.year:
        return f"{long_date(first)}{EN_DASH}{long_date(last)}"
    if first.month != last.month:
        return f"{first.day} {first:%B}{EN_DASH}{long_date(last)}"
    return f"{first.day}{EN_DASH}{long_date(last)}"


def clock(moment: datetime, *, with_period: bool = True) -> str:
    """ "10 a.m.", "1.30 p.m.", "noon", "midnight": the UN's twelve-hour style."""
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "noon"
    hour = moment.hour % 12 or 12
    minutes = f".{moment.minute:02d}" if moment.minute else ""
    period = (" a.m." if moment.hour < 12 else " p.m.") if with_period else ""
    return f"{hour}{minutes}{period}"


def time_span(start: datetime, end: datetime) -> str:
    """ "10 a.m.–1 p.m.", or "3–6 p.m." when both ends share the period ("10:00–13:00" elsewhere)."""
    if not _in_english():
        return format_interval(start, end, "Hm", locale=current_locale())
    same_period = (start.hour < 12) == (end.hour < 12) and not _is_noon_or_midnight(start, end)
    first = clock(start, with_period=not same_period)
    return f"{first}{EN_DASH}{clock(end)}"


def _is_noon_or_midnight(*moments: datetime) -> bool:
    return any(m.minute == 0 and m.hour in (0, 12) for m in moments)


def gmt_offset(zone: str, day: date) -> str:
    """The zone's offset from GMT at noon that day: "GMT+4", "GMT+5:30", "GMT-3", "GMT"."""
    offset = datetime.combine(day, time(12), ZoneInfo(zone)).utcoffset() or timedelta()
    minutes = int(offset.total_seconds()) // 60
    if not minutes:
        return "GMT"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def gmt_offsets(zone: str, first: date, last: date) -> str:
    """The offset a session's days keep, or both when the clocks change during it: "GMT+2 and GMT+1"."""
    start, end = gmt_offset(zone, first), gmt_offset(zone, last)
    return start if start == end else f"{start} and {end}"
