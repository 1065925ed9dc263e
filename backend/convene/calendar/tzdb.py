"""A zone's rules as the tz database states them: its past transitions and its current rule.

Calendar programs do not share a database of zones: each calendar carries a
VTIMEZONE for every zone it uses (:mod:`convene.calendar.vtimezone`), and
some servers keep the first definition they see of a zone name for good. So
a definition must hold for every year, not only the feed's: it is built from
the zone's compiled file (TZif, RFC 8536), read from the same place Python's
``zoneinfo`` reads it, so our calendars and our own times always agree:

- the explicit transitions, each with the offset before and after it;
- the footer's POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"), which governs
  every year after the last explicit transition, for ever.
"""

from __future__ import annotations

import calendar
import re
import struct
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import TZPATH

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DAY = 86400


@dataclass(frozen=True)
class Offset:
    """One of a zone's local times: its UTC offset, whether it is summer time, its abbreviation."""

    seconds: int
    is_dst: bool
    name: str


@dataclass(frozen=True)
class Transition:
    at: datetime
    """The instant, in UTC."""
    before: Offset
    after: Offset

    @property
    def local_onset(self) -> datetime:
        """The wall-clock time at which it happens, read on the clock before it (RFC 5545 DTSTART)."""
        return (self.at + timedelta(seconds=self.before.seconds)).replace(tzinfo=None)


@dataclass(frozen=True)
class RuleDay:
    """A POSIX rule's day of change: month, week (5 = last), weekday (0 = Sunday), or a Julian day."""

    month: int = 0
    week: int = 0
    weekday: int = 0
    julian: int | None = None
    """``Jn`` (1-365, never counting 29 February) when ``leap_days`` is False; ``n`` (0-365) when True."""
    leap_days: bool = False
    time: int = 7200
    """Seconds after local midnight, on the clock before the change; may be negative or past 24 h."""

    def local_date(self, year: int) -> date:
        if self.julian is not None:
            day = self.julian
            if not self.leap_days and calendar.isleap(year) and day >= 60:
                day += 1  # Jn counts 1 March as day 60 in every year
            return date(year, 1, 1) + timedelta(days=day - (0 if self.leap_days else 1))
        first = date(year, self.month, 1)
        python_weekday = (self.weekday - 1) % 7  # Python counts Monday as 0, POSIX Sunday
        day = 1 + (python_weekday - first.weekday()) % 7 + 7 * (self.week - 1)
        while day > calendar.monthrange(year, self.month)[1]:
            day -= 7
        return date(year, self.month, day)


@dataclass(frozen=True)
class PosixRule:
    """The footer of a TZif file: a standard time and, for zones that keep it, a summer time."""

    standard: Offset
    summer: Offset | None = None
    starts: RuleDay | None = None
    ends: RuleDay | None = None

    def transitions(self, year: int) -> list[Transition]:
        """The year's two changes, in time order (southern zones end summer time first)."""
        if self.summer is None or self.starts is None or self.ends is None:
            return []
        changes = [
            _rule_change(self.starts, year, self.standard, self.summer),
            _rule_change(self.ends, year, self.summer, self.standard),
        ]
        return sorted(changes, key=lambda change: change.at)


@dataclass(frozen=True)
class ZoneRules:
    key: str
    initial: Offset
    """The local time before the first transition."""
    transitions: tuple[Transition, ...]
    rule: PosixRule | None

    def rule_start(self) -> datetime | None:
        """From when on the footer's rule alone describes the zone (None: it never does).

        A "fat" file lists rule-made transitions up to 2037, a "slim" one stops
        where the rule takes over: either way, the rule starts after the last
        listed transition the rule would not have made.
        """
        if self.rule is None:
            return None
        if self.rule.summer is None:
            return self.transitions[-1].at if self.transitions else EPOCH
        start = self.transitions[-1].at if self.transitions else EPOCH
        for transition in reversed(self.transitions):
            if not self._made_by_rule(transition):
                return transition.at
            start = transition.at
        return start

    def _made_by_rule(self, transition: Transition) -> bool:
        """A change at a year's edge may fall in the UTC year before or after its rule's year."""
        assert self.rule is not None
        year = transition.at.year
        return any(transition in self.rule.transitions(y) for y in (year - 1, year, year + 1))


def _rule_change(day: RuleDay, year: int, before: Offset, after: Offset) -> Transition:
    local = datetime.combine(day.local_date(year), datetime.min.time(), tzinfo=UTC)
    return Transition(local + timedelta(seconds=day.time - before.seconds), before, after)


@lru_cache(maxsize=512)
def zone_rules(key: str) -> ZoneRules:
    """The rules of IANA zone ``key``, from the file ``zoneinfo`` itself would read."""
    return parse_tzif(key, _tzif_bytes(key))


def _tzif_bytes(key: str) -> bytes:
    """Where ``zoneinfo`` looks, in its order: the system's TZPATH, then the ``tzdata`` package."""
    if not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", key):
        raise ValueError(f"{key!r} is not a time zone name")
    for folder in TZPATH:
        candidate = Path(folder) / key
        if candidate.is_file():
            return candidate.read_bytes()
    package, _, name = f"tzdata.zoneinfo/{key}".replace("/", ".").rpartition(".")
    return resources.files(package).joinpath(name).read_bytes()


def parse_tzif(key: str, data: bytes) -> ZoneRules:
    """Version 2+ TZif: skip the 32-bit block, read the 64-bit one and the footer."""
    if data[:4] != b"TZif":
        raise ValueError(f"{key}: not a TZif file")
    counts = struct.unpack(">6l", data[20:44])
    if data[4:5] == b"\x00":  # version 1: 32-bit times only, no footer
        return _read_block(key, data, 44, counts, 4, footer=None)
    isutc, isstd, leap, times, types, chars = counts
    second = 44 + times * 5 + types * 6 + chars + leap * 8 + isstd + isutc
    counts = struct.unpack(">6l", data[second + 20 : second + 44])
    isutc, isstd, leap, times, types, chars = counts
    end = second + 44 + times * 9 + types * 6 + chars + leap * 12 + isstd + isutc
    footer = data[end:].strip(b"\n").decode("ascii")
    return _read_block(key, data, second + 44, counts, 8, footer=footer or None)


def _read_block(
    key: str, data: bytes, at: int, counts: tuple[int, ...], size: int, footer: str | None
) -> ZoneRules:
    _isutc, _isstd, _leap, times, types, chars = counts
    instants = struct.unpack(f">{times}{'q' if size == 8 else 'l'}", data[at : at + times * size])
    at += times * size
    indices = data[at : at + times]
    at += times
    raw_types = [struct.unpack(">lBB", data[at + 6 * i : at + 6 * i + 6]) for i in range(types)]
    names = data[at + 6 * types : at + 6 * types + chars]
    offsets = [
        Offset(utoff, bool(dst), names[index : names.index(b"\x00", index)].decode("ascii"))
        for utoff, dst, index in raw_types
    ]
    transitions = []
    current = offsets[0]
    for instant, index in zip(instants, indices, strict=True):
        after = offsets[index]
        if after != current:
            transitions.append(Transition(EPOCH + timedelta(seconds=instant), current, after))
        current = after
    rule = parse_posix(footer) if footer else None
    return ZoneRules(key, offsets[0], tuple(transitions), rule)


# POSIX TZ strings ---------------------------------------------------------------

_NAME = r"(?:<([^>]+)>|([A-Za-z]{3,}))"
_OFFSET = r"([+-]?\d{1,3}(?::\d{2}){0,2})"
_POSIX = re.compile(rf"^{_NAME}{_OFFSET}(?:{_NAME}{_OFFSET}?(?:,([^,]+),([^,]+))?)?$")


def parse_posix(text: str) -> PosixRule:
    """``STDoffset[DST[offset][,start[/time],end[/time]]]``; offsets count west of Greenwich."""
    found = _POSIX.match(text)
    if found is None:
        raise ValueError(f"unreadable POSIX TZ rule {text!r}")
    std_name = found[1] or found[2]
    standard = Offset(-_seconds(found[3]), False, std_name)
    dst_name = found[4] or found[5]
    if not dst_name:
        return PosixRule(standard)
    summer_seconds = -_seconds(found[6]) if found[6] else standard.seconds + 3600
    summer = Offset(summer_seconds, True, dst_name)
    if found[7] is None or found[8] is None:
        # No dates given: POSIX's default, the US rules of 2007 ("M3.2.0,M11.1.0").
        return PosixRule(standard, summer, _rule_day("M3.2.0"), _rule_day("M11.1.0"))
    return PosixRule(standard, summer, _rule_day(found[7]), _rule_day(found[8]))


def _rule_day(text: str) -> RuleDay:
    day, _, time = text.partition("/")
    seconds = _seconds(time) if time else 7200
    if day.startswith("M"):
        month, week, weekday = (int(part) for part in day[1:].split("."))
        return RuleDay(month, week, weekday, time=seconds)
    if day.startswith("J"):
        return RuleDay(julian=int(day[1:]), time=seconds)
    return RuleDay(julian=int(day), leap_days=True, time=seconds)


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")]
    hours, minutes, seconds = (parts + [0, 0])[:3]
    return sign * (hours * 3600 + minutes * 60 + seconds)
