"""Time zone definitions that hold in every year, proven against the tz database's own transitions.

For a dozen zones (summer time in either hemisphere, half-hour and 45-minute
offsets, a 30-minute summer time, Ireland's negative one, Chile's change at
midnight, Greenland's at 22:00 the day before, Morocco's Ramadan switches,
zones that dropped summer time), events are placed just before and after
every change the tz database knows (found by Python's ``zoneinfo``, not by
our writer), written in the venue's local time, and read back by four
readers. A zone's definition is the same in every calendar whatever years
it covers (vobject, like Radicale, keeps the first definition of a zone it
sees and reads every later calendar with it): the last test shows that.

Everything here is pure: no database, one node process for ical.js.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from icalendar import Event
from vobject.icalendar import TimezoneComponent

from convene.calendar.ics import CalendarMeta, calendar_bytes
from tests.calendar.readers import Readings, read_four

ZONES = [
    "Europe/Vienna",
    "America/New_York",
    "America/Santiago",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Africa/Casablanca",
    "Asia/Kathmandu",
    "Europe/Dublin",
    "America/Sao_Paulo",
    "Asia/Tehran",
    "Pacific/Chatham",
    "America/St_Johns",
    "America/Nuuk",
    "Asia/Kolkata",
]
YEARS = [2000, 2003, 2006, 2007, 2008, 2010, 2020, 2026, 2027, 2028, 2033, 2037]
"""Through the zones' history (New York's rules of 2007, Chile's, Brazil's, Iran's and
Morocco's changes) and their current rules up to 2037 (a leap year; years whose last
Sunday of March falls on the 25th or the 31st)."""
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Probe:
    """An instant near a change, and the wall-clock time the venue shows then."""

    uid: str
    zone: str
    instant: datetime
    local: datetime


def transitions(zone: str, years: list[int]) -> list[tuple[datetime, timedelta]]:
    """(instant, change of offset) of each change in those years, as ``zoneinfo`` has them."""
    tz = ZoneInfo(zone)
    found = []
    for year in sorted(set(years)):
        moment, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
        while moment < end:
            later = moment + timedelta(days=1)
            before, after = moment.astimezone(tz).utcoffset(), later.astimezone(tz).utcoffset()
            if before != after:
                low, high = moment, later  # the change is in (low, high]: halve to the second
                while high - low > timedelta(seconds=1):
                    middle = low + (high - low) / 2
                    if middle.astimezone(tz).utcoffset() == before:
                        low = middle
                    else:
                        high = middle
                assert before is not None and after is not None
                found.append((high.replace(microsecond=0), after - before))
            moment = later
    return found


def probes(zone: str, years: list[int]) -> list[Probe]:
    """Half an hour clear of each change's skipped or repeated hour, and the first instant after a skip."""
    tz = ZoneInfo(zone)
    found = []
    for at, change in transitions(zone, years):
        clear = abs(change) + timedelta(minutes=30)
        instants = [at - clear, at + clear] + ([at] if change > timedelta(0) else [])
        for instant in instants:
            local = instant.astimezone(tz).replace(tzinfo=None)
            found.append(Probe(f"{zone}-{instant:%Y%m%dT%H%M%S}", zone, instant, local))
    if not found:  # a zone with no change in those years: one event a year
        for year in years:
            instant = datetime(year, 6, 1, 12, tzinfo=UTC)
            local = instant.astimezone(tz).replace(tzinfo=None)
            found.append(Probe(f"{zone}-{year}", zone, instant, local))
    return found


def calendar_of(zone: str, span: list[int]) -> tuple[bytes, list[Probe]]:
    tz = ZoneInfo(zone)
    chosen = probes(zone, span)
    events = []
    for probe in chosen:
        start = probe.local.replace(tzinfo=tz)
        # The wall-clock time with the zone: the writer keeps it as given (TZID + local time).
        assert start.astimezone(UTC) == probe.instant
        events.append(
            Event.new(
                uid=probe.uid,
                stamp=datetime(2026, 12, 1, tzinfo=UTC),
                start=start,
                end=(probe.local + MINUTE).replace(tzinfo=tz),
                summary=probe.uid,
            )
        )
    meta = CalendarMeta(uid=f"zones-{zone}", timezone=zone)
    return calendar_bytes(meta, events, produced=datetime(2026, 12, 1, tzinfo=UTC)), chosen


@pytest.fixture(scope="module")
def written() -> dict[str, tuple[Readings, list[Probe]]]:
    """Every zone's two calendars, read by the four readers once for the whole module."""
    calendars = {zone: calendar_of(zone, YEARS) for zone in ZONES}
    readings = read_four([raw for raw, _ in calendars.values()])
    return {
        key: (reading, chosen)
        for (key, (_, chosen)), reading in zip(calendars.items(), readings, strict=True)
    }


@pytest.mark.parametrize("zone", ZONES)
def test_vobject_reads_every_change_as_the_tz_database_has_it(
    written: dict[str, tuple[Readings, list[Probe]]], zone: str
) -> None:
    reading, chosen = written[zone]
    events = {str(event.uid.value): event for event in reading.vobject.vevent_list}
    wrong = []
    for probe in chosen:
        start = events[probe.uid].dtstart.value
        assert TimezoneComponent.pickTzid(start.tzinfo) == zone
        if start.astimezone(UTC) != probe.instant:
            wrong.append((probe.local.isoformat(), str(start.astimezone(UTC)), str(probe.instant)))
    assert wrong == []


@pytest.mark.parametrize("zone", ZONES)
def test_icaljs_reads_every_change_as_the_tz_database_has_it(
    written: dict[str, tuple[Readings, list[Probe]]], zone: str
) -> None:
    reading, chosen = written[zone]
    events = {event["uid"]: event for event in reading.icaljs["events"]}
    wrong = [
        (probe.local.isoformat(), events[probe.uid]["start"], int(probe.instant.timestamp()))
        for probe in chosen
        if events[probe.uid]["start"] != int(probe.instant.timestamp())
        or events[probe.uid]["tzid"] != zone
    ]
    assert wrong == []


@pytest.mark.parametrize("zone", ZONES)
def test_icalendar_builds_the_same_zone_from_the_definition(
    written: dict[str, tuple[Readings, list[Probe]]], zone: str
) -> None:
    """icalendar reads event times with Python's zones, so its zone built from OUR VTIMEZONE is checked."""
    reading, chosen = written[zone]
    [definition] = reading.icalendar.walk("VTIMEZONE")
    ours = definition.to_tz()
    events = {str(event["UID"]): event for event in reading.icalendar.walk("VEVENT")}
    wrong = [
        probe.local.isoformat()
        for probe in chosen
        if probe.local.replace(tzinfo=ours).astimezone(UTC) != probe.instant
        or events[probe.uid].start.astimezone(UTC) != probe.instant
    ]
    assert wrong == []


@pytest.mark.parametrize("zone", ZONES)
def test_the_strict_reader_accepts_the_definition_and_the_times(
    written: dict[str, tuple[Readings, list[Probe]]], zone: str
) -> None:
    reading, chosen = written[zone]
    [definition] = reading.ical.timezones
    assert definition.tz_id == zone
    events = {event.uid: event for event in reading.ical.events}
    wrong = [
        probe.local.isoformat()
        for probe in chosen
        if events[probe.uid].dtstart.astimezone(UTC) != probe.instant
    ]
    assert wrong == []


def test_the_spring_change_starts_at_the_local_time_rfc_5545_writes() -> None:
    """RFC 5545's own example: DTSTART:19870405T020000 for a change the clocks read 02:00 before."""
    raw, _ = calendar_of("Europe/Vienna", [2027])
    recurring = [
        component
        for component in icalendar.Calendar.from_ical(raw).walk()
        if component.name in {"STANDARD", "DAYLIGHT"} and "RRULE" in component
    ]
    assert [
        (c.name, c["DTSTART"].to_ical(), c["RRULE"].to_ical(), c["TZNAME"]) for c in recurring
    ] == [
        ("DAYLIGHT", b"19960331T020000", b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "CEST"),
        ("STANDARD", b"19961027T030000", b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "CET"),
    ]


@pytest.mark.parametrize("zone", ZONES)
def test_a_definition_does_not_depend_on_the_feed_that_carries_it(zone: str) -> None:
    """Feeds of 2000, 2020 and 2027 describe a zone alike: a server may keep any of them."""

    def definition(year: int) -> str:
        raw, _ = calendar_of(zone, [year])
        text = raw.decode()
        return text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]

    assert definition(2000) == definition(2020) == definition(2027)
