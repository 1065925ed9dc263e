"""VTIMEZONE definitions (RFC 5545 §3.6.5) that hold for every year, built from the tz database.

A calendar server that stores a feed may keep the first definition it sees
of a zone name and read every later event in that zone with it (vobject,
and so Radicale, do). So a zone's definition is the same in every calendar,
whatever years it covers: it ends with the zone's current rule as
recurrence rules that never end (from the year the rule took over), and
reaches back with one component per earlier change to 1970, from when the
tz database vouches for every zone (further back only for a calendar whose
first event is older).

Each component's DTSTART is the wall-clock time of the change read on the
clock that was in force before it (RFC 5545: "02:00" for the spring change
in Vienna, which makes the clocks read 03:00).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from convene.calendar.text import add_text
from convene.calendar.tzdb import DAY, EPOCH, Offset, RuleDay, Transition, ZoneRules, zone_rules

WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
HISTORY_FROM = 1970
"""The tz database is exact for every zone from 1970 on: definitions reach back that far."""
FALLBACK_YEARS = 40
"""A rule no RRULE can say (a Julian day) is written out year by year this far ahead."""


@dataclass(frozen=True)
class Onset:
    """One component: a transition, and the yearly rule it recurs by (None: it happens once)."""

    transition: Transition
    rrule: dict[str, object] | None = None


def vtimezone_bytes(key: str, first_year: int) -> bytes:
    """The definition of zone ``key`` for a calendar whose first event falls in ``first_year``,
    as written in a calendar (written once per zone)."""
    return _written(key, min(first_year, HISTORY_FROM))


@lru_cache(maxsize=512)
def _written(key: str, since_year: int) -> bytes:
    return _definition(key, since_year).to_ical()


def _definition(key: str, since_year: int) -> Timezone:
    rules = zone_rules(key)
    timezone = Timezone()
    timezone.add("tzid", key)
    since = datetime(since_year, 1, 1, tzinfo=UTC) - timedelta(days=1)
    for onset in onsets(rules, since):
        timezone.add_component(_component(onset))
    return timezone


def onsets(rules: ZoneRules, since: datetime) -> list[Onset]:
    """What a definition needs to convert any time from ``since`` on, as the database does."""
    current = _current(rules)
    first_current = min((onset.transition.at for onset in current), default=None)
    past = [
        transition
        for transition in rules.transitions
        if first_current is None or transition.at < first_current
    ]
    if first_current is not None and since >= first_current:
        return current
    in_force = [transition for transition in past if transition.at <= since][-1:]
    later = [transition for transition in past if transition.at > since]
    history = [Onset(transition) for transition in [*in_force, *later]]
    if not history and not current:  # a zone that never changed, and has no rule to say so
        history = [Onset(Transition(EPOCH, rules.initial, rules.initial))]
    return [*history, *current]


def _current(rules: ZoneRules) -> list[Onset]:
    """The onsets of the rule in force today, from the first change it made."""
    rule, start = rules.rule, rules.rule_start()
    if rule is None or start is None:
        return []
    if rule.summer is None or rule.starts is None or rule.ends is None:
        last = rules.transitions[-1] if rules.transitions else None
        before = last.before if last else rule.standard
        return [Onset(Transition(last.at if last else EPOCH, before, rule.standard))]
    # A "fat" file also lists the rule's own changes: the rule's first is the first of those.
    listed = [transition.at for transition in rules.transitions if transition.at > start]
    begins = listed[0] if listed else start + timedelta(seconds=1)
    onsets = []
    for day, before, after in (
        (rule.starts, rule.standard, rule.summer),
        (rule.ends, rule.summer, rule.standard),
    ):
        yearly = [
            change
            for year in range(start.year, start.year + FALLBACK_YEARS)
            for change in rule.transitions(year)
            if change.at >= begins and change.after == after and change.before == before
        ]
        recurrence = yearly_rule(day)
        if recurrence is not None:
            onsets.append(Onset(yearly[0], recurrence))
        else:
            onsets += [Onset(change) for change in yearly]
    return onsets


def yearly_rule(day: RuleDay) -> dict[str, object] | None:
    """The RRULE of a POSIX ``Mm.w.d/time`` day, with a time past 24 h or below 0 moved to
    the day it falls on ("the Sunday after the first Saturday" for Chile's ``M9.1.6/24``).
    None when no RRULE can say it (a Julian day, or a shift out of the month).
    """
    if day.julian is not None:
        return None
    shift = day.time // DAY
    weekday = WEEKDAYS[(day.weekday + shift) % 7]
    recurrence: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": day.month}
    if shift == 0:
        recurrence["BYDAY"] = f"{-1 if day.week == 5 else day.week}{WEEKDAYS[day.weekday]}"
        return recurrence
    if day.week == 5:
        days = [d + shift for d in range(-7, 0)]
        if max(days) > -1 or min(days) < -28:
            return None
        if day.month != 2:  # the month's length is known: count from its start, as every reader can
            length = calendar.monthrange(2001, day.month)[1]
            days = [length + 1 + d for d in days]
    else:
        days = [7 * (day.week - 1) + d + shift for d in range(1, 8)]
        if min(days) < 1 or max(days) > 28:
            return None
    return recurrence | {"BYDAY": weekday, "BYMONTHDAY": days}


def _component(onset: Onset) -> TimezoneStandard | TimezoneDaylight:
    transition = onset.transition
    component = TimezoneDaylight() if transition.after.is_dst else TimezoneStandard()
    component.add("dtstart", transition.local_onset)
    component.add("tzoffsetfrom", _offset(transition.before))
    component.add("tzoffsetto", _offset(transition.after))
    add_text(component, "tzname", transition.after.name)
    if onset.rrule is not None:
        component.add("rrule", onset.rrule)
    return component


def _offset(offset: Offset) -> timedelta:
    return timedelta(seconds=offset.seconds)
