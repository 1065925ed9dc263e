"""iCalendar (RFC 5545, 7986) for sessions and sittings, built with ``icalendar``.

Pure functions of the values in :mod:`convene.calendar.sources`: no database,
no clock (the caller passes DTSTAMP: when a feed is produced, when a message
is sent), so what a feed says depends only on what its validator summarizes,
and the same sitting reads the same in a feed and in an invitation: same
UID, same SEQUENCE, same times in the venue's zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Parameters, vCalAddress, vUri
from icalendar.enums import STATUS, TRANSP

from convene.calendar.identity import CalendarIdentity
from convene.calendar.sources import SessionInfo, SittingInfo
from convene.calendar.text import add_text, parameter
from convene.calendar.vtimezone import vtimezone_bytes
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


def calendar_bytes(meta: CalendarMeta, events: Sequence[Event], *, produced: datetime) -> bytes:
    """The whole calendar, with each zone's VTIMEZONE placed before the events.

    A calendar with no event still carries its own zone's definition: RFC
    5545's grammar needs one component at least (an empty personal feed).
    Definitions are written once per zone and kept as bytes (a zone with a
    long history takes longer to write than a hundred sittings): they go in
    at the first event's line, which no escaped value can imitate.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", meta.method)
    if meta.uid is not None:
        add_text(calendar, "uid", meta.uid)
    for name in ("name", "x-wr-calname"):
        if meta.name:
            add_text(calendar, name, meta.name)
    for name in ("description", "x-wr-caldesc"):
        if meta.description:
            add_text(calendar, name, meta.description)
    if meta.url:
        calendar.add("url", vUri(meta.url))
    add_text(calendar, "x-wr-timezone", meta.timezone)
    if meta.method == "PUBLISH":
        # RFC 7986 requires VALUE=DURATION here.
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        add_text(calendar, "x-published-ttl", "PT1H")
    zones = zones_of(events) if events else {meta.timezone: produced.year}
    for event in events:
        calendar.add_component(event)
    written = calendar.to_ical()
    at = written.index(b"\r\nBEGIN:VEVENT\r\n" if events else b"\r\nEND:VCALENDAR\r\n") + 2
    definitions = b"".join(vtimezone_bytes(zone, year) for zone, year in sorted(zones.items()))
    return written[:at] + definitions + written[at:]


def lower_first(title: str) -> str:
    """A title inside a sentence: "the eleventh session of the Implementation Review Group"."""
    return title[:1].lower() + title[1:]


def zones_of(events: Iterable[Event]) -> dict[str, int]:
    """Each zone the events use, with the first year they fall in."""
    years: dict[str, int] = {}
    for event in events:
        for moment in (event.start, event.end):
            if isinstance(moment, datetime) and isinstance(moment.tzinfo, ZoneInfo):
                key = moment.tzinfo.key
                years[key] = min(years.get(key, moment.year), moment.year)
    return years


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
    link = join_link(sitting, session) if mode == AttendanceMode.ONLINE_SPEAKING.value else ""
    event = Event.new(
        uid=identity.uid("sitting", sitting.id),
        stamp=stamp,
        last_modified=last_modified,
        sequence=sitting.sequence,
        start=sitting.starts_at.astimezone(zone),
        end=sitting.ends_at.astimezone(zone),
        url=identity.session_url(session.id),
        status=STATUS.CANCELLED if sitting.status == CANCELLED else STATUS.CONFIRMED,
    )
    add_text(event, "summary", f"{session.title}: {sitting.title}")
    add_text(event, "location", link or _sitting_place(sitting, session, mode))
    add_text(event, "description", _sitting_description(sitting, session, identity, mode, link))
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
        {
            "VALUE": "URI",
            "FEATURE": ["AUDIO", "VIDEO"],
            "LABEL": parameter(session.platform_name or "Join online"),
        }
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
    if mode == AttendanceMode.ONLINE_LISTENING.value:
        # Never the speaking link: the person's own link (on their page) leads to the webcast.
        lines.append(f"Follow the webcast through your own join link: {identity.base_url}/my")
    elif is_online(mode):
        lines.append(f"Join online: {link}" if link else "The link to join online will follow.")
    if sitting.agenda:
        lines += ["", "Agenda items:", *(f"{line.number}. {line.title}" for line in sitting.agenda)]
    lines += ["", f"Session page: {identity.session_url(session.id)}"]
    return "\n".join(lines)


# Sessions --------------------------------------------------------------------


def session_event(session: SessionInfo, identity: CalendarIdentity, *, stamp: datetime) -> Event:
    """A session as an all-day event: DATE values, DTEND the day after the last day."""
    event = Event.new(
        uid=identity.uid("session", session.id),
        stamp=stamp,
        last_modified=session.updated_at,
        sequence=session.sequence,
        start=session.start_date,
        end=session.end_date + timedelta(days=1),
        url=identity.session_url(session.id),
        status=SESSION_STATUS.get(session.status, STATUS.CONFIRMED),
        transparency=TRANSP.TRANSPARENT,  # a session does not make a whole day busy
    )
    add_text(event, "summary", session.title)
    add_text(event, "location", _session_place(session))
    add_text(event, "description", _session_description(session, identity))
    return event


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
    organizer.params["CN"] = parameter(identity.organizer_name)
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params.update(
        {
            "CN": parameter(name or email),
            "CUTYPE": "INDIVIDUAL",
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "NEEDS-ACTION",
            "RSVP": "FALSE",
        }
    )
    event.add("organizer", organizer)
    event.add("attendee", attendee)
    return event
