"""iCalendar (RFC 5545, 7986) for sessions and sittings, built with ``icalendar``.

Pure functions of the values in :mod:`convene.calendar.sources`: no database,
no clock (the caller passes DTSTAMP), so a feed's bytes depend only on what
its validator summarizes, and the same sitting reads the same in a feed and
in an invitation: same UID, same SEQUENCE, same times in the venue's zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Parameters, Timezone, vCalAddress, vText, vUri
from icalendar.enums import STATUS, TRANSP

from convene.calendar.identity import CalendarIdentity
from convene.calendar.sources import SessionInfo, SittingInfo
from convene.delegations.vocabulary import AttendanceMode
from convene.meetings.vocabulary import SessionFormat, SessionStatus

PRODID = "-//Convene//Sessions and sittings//EN"
REFRESH = timedelta(hours=1)
"""How often subscribers should reload a feed (REFRESH-INTERVAL, X-PUBLISHED-TTL)."""
CANCELLED = "cancelled"
SESSION_STATUS = {
    SessionStatus.SCHEDULED.value: STATUS.CONFIRMED,
    SessionStatus.CONCLUDED.value: STATUS.CONFIRMED,
    SessionStatus.POSTPONED.value: STATUS.TENTATIVE,
    SessionStatus.CANCELLED.value: STATUS.CANCELLED,
}


@dataclass(frozen=True)
class CalendarMeta:
    """The calendar-level properties of one feed or message."""

    uid: str | None
    """RFC 7986's calendar UID, for feeds; a scheduling message has none."""
    timezone: str
    name: str | None = None
    description: str | None = None
    method: str = "PUBLISH"
    url: str | None = None


def calendar_bytes(meta: CalendarMeta, events: Sequence[Event]) -> bytes:
    """The whole calendar, with each zone's VTIMEZONE placed before the events."""
    calendar = Calendar.new(
        prodid=PRODID,
        method=meta.method,
        uid=meta.uid,
        name=meta.name,
        description=meta.description,
        url=meta.url,
        calscale="GREGORIAN",
        subcomponents=[*vtimezones(events), *events],
    )
    if meta.uid is None:
        calendar.pop("UID", None)  # Calendar.new() makes up a random one
    calendar.add("x-wr-timezone", meta.timezone)
    if meta.method == "PUBLISH":
        # RFC 7986 requires VALUE=DURATION here, which Calendar.new(refresh_interval=...) leaves out.
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vText("PT1H"))
    return calendar.to_ical()


def lower_first(title: str) -> str:
    """A title inside a sentence: "the eleventh session of the Implementation Review Group"."""
    return title[:1].lower() + title[1:]


def vtimezones(events: Iterable[Event]) -> list[Timezone]:
    """One VTIMEZONE per zone the events use, covering the years they fall in."""
    years: dict[str, list[int]] = {}
    for event in events:
        for moment in (event.start, event.end):
            if isinstance(moment, datetime) and isinstance(moment.tzinfo, ZoneInfo):
                years.setdefault(moment.tzinfo.key, []).append(moment.year)
    return [_vtimezone(zone, min(seen), max(seen)) for zone, seen in sorted(years.items())]


@lru_cache(maxsize=256)
def _vtimezone(zone: str, first_year: int, last_year: int) -> Timezone:
    """Built once per zone and span of years: deriving transitions is the slow part."""
    return Timezone.from_tzid(
        zone, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )


# Sittings --------------------------------------------------------------------


def sitting_event(
    sitting: SittingInfo,
    session: SessionInfo,
    identity: CalendarIdentity,
    *,
    stamp: datetime,
    last_modified: datetime,
    mode: str | None = None,
) -> Event:
    """A sitting as one event; ``mode`` is the reader's attendance mode (None for the public).

    Online delegates get the join link in LOCATION, DESCRIPTION and the
    RFC 7986 CONFERENCE property; everyone else gets the room and the venue.
    """
    zone = ZoneInfo(session.timezone)
    link = join_link(sitting, session) if is_online(mode) else ""
    event = Event.new(
        uid=identity.uid("sitting", sitting.id),
        stamp=stamp,
        last_modified=last_modified,
        sequence=sitting.sequence,
        start=sitting.starts_at.astimezone(zone),
        end=sitting.ends_at.astimezone(zone),
        summary=f"{session.title}: {sitting.title}",
        location=link or _sitting_place(sitting, session, mode),
        description=_sitting_description(sitting, session, identity, mode, link),
        url=identity.session_url(session.id),
        status=STATUS.CANCELLED if sitting.status == CANCELLED else STATUS.CONFIRMED,
    )
    if link:
        event.add("conference", vUri(link), parameters=_conference_parameters(session))
    return event


def is_online(mode: str | None) -> bool:
    return mode in {AttendanceMode.ONLINE_SPEAKING.value, AttendanceMode.ONLINE_LISTENING.value}


def join_link(sitting: SittingInfo, session: SessionInfo) -> str:
    """The sitting's own link, else the session's."""
    return sitting.online_link or session.join_link


def _conference_parameters(session: SessionInfo) -> Parameters:
    return Parameters(
        {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": session.platform_name or "Join online"}
    )


def _sitting_place(sitting: SittingInfo, session: SessionInfo, mode: str | None) -> str:
    if is_online(mode) or session.format == SessionFormat.ONLINE.value:
        return f"Online ({session.platform_name})" if session.platform_name else "Online"
    return ", ".join(part for part in (sitting.room, session.venue_name, session.city) if part)


def _sitting_description(
    sitting: SittingInfo,
    session: SessionInfo,
    identity: CalendarIdentity,
    mode: str | None,
    link: str,
) -> str:
    lines = [session.title, sitting.title]
    if sitting.status == CANCELLED:
        lines.append("This sitting has been cancelled.")
    if is_online(mode):
        lines.append(f"Join online: {link}" if link else "The link to join online will follow.")
    if sitting.agenda:
        lines += ["", "Agenda items:", *(f"{line.number}. {line.title}" for line in sitting.agenda)]
    lines += ["", f"Session page: {identity.session_url(session.id)}"]
    return "\n".join(lines)


# Sessions --------------------------------------------------------------------


def session_event(session: SessionInfo, identity: CalendarIdentity) -> Event:
    """A session as an all-day event: DATE values, DTEND the day after the last day."""
    return Event.new(
        uid=identity.uid("session", session.id),
        stamp=session.updated_at,
        last_modified=session.updated_at,
        start=session.start_date,
        end=session.end_date + timedelta(days=1),
        summary=session.title,
        location=_session_place(session),
        description=_session_description(session, identity),
        url=identity.session_url(session.id),
        status=SESSION_STATUS.get(session.status, STATUS.CONFIRMED),
        transparency=TRANSP.TRANSPARENT,  # a session does not make a whole day busy
    )


def _session_place(session: SessionInfo) -> str:
    if session.format == SessionFormat.ONLINE.value:
        return "Online"
    return ", ".join(part for part in (session.venue_name, session.city) if part)


def _session_description(session: SessionInfo, identity: CalendarIdentity) -> str:
    formats = {
        "in_person": "In person",
        "online": "Online",
        "hybrid": "Hybrid (in person and online)",
    }
    lines = [session.title, f"Format: {formats.get(session.format, session.format)}"]
    if session.status in {SessionStatus.POSTPONED.value, SessionStatus.CANCELLED.value}:
        lines.append(f"This session has been {session.status}.")
    lines.append(f"Session page: {identity.session_url(session.id)}")
    return "\n".join(lines)


# Scheduling (iTIP) -----------------------------------------------------------


def address_attendance(event: Event, identity: CalendarIdentity, name: str, email: str) -> Event:
    """Make ``event`` a scheduling message: the secretariat organizes, the delegate attends."""
    organizer = vCalAddress(f"mailto:{identity.organizer_email}")
    organizer.params["CN"] = identity.organizer_name
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params.update(
        {
            "CN": name or email,
            "CUTYPE": "INDIVIDUAL",
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "NEEDS-ACTION",
            "RSVP": "FALSE",
        }
    )
    event.add("organizer", organizer)
    event.add("attendee", attendee)
    return event
