"""Invitations by e-mail (iTIP, RFC 5546, over iMIP): REQUEST on approval and change, CANCEL.

Every function here is called INSIDE the transaction of the change that
causes it (they subscribe to the domain's events, see
:mod:`convene.calendar.subscribers`) and writes to the outbox
(:func:`convene.mail.services.enqueue`): the message is committed with the
change, or rolled back with it, and waits in the outbox while the mail
server is down.

RFC 5546 allows one UID per scheduling message, and the big mail programs
(Outlook and Exchange as MS-OXCICAL describes them, Gmail) act on one
invitation per e-mail, found as the ``text/calendar; method=...`` form of a
``multipart/alternative`` beside the plain text. So each sitting travels in
its own e-mail: that pair, plus the same calendar as an ``invite.ics``
attachment for programs that only open files. A sitting's UID and SEQUENCE
are the ones its feeds show, so a calendar that subscribed and one that was
invited agree. DTSTAMP is the time of sending, which orders messages of
equal SEQUENCE (a registration cancelled, then approved again).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from convene.calendar import sources
from convene.calendar.ics import (
    CalendarMeta,
    address_attendance,
    calendar_bytes,
    lower_first,
    sitting_event,
)
from convene.calendar.identity import CalendarIdentity
from convene.calendar.installation import installed
from convene.calendar.sources import Person, SessionInfo, SittingInfo
from convene.delegations.correspondence import registrant_language
from convene.delegations.vocabulary import AttendanceMode
from convene.errors import NotFound
from convene.mail.schemas import Attachment
from convene.mail.services import addressed, enqueue
from convene.mail.templates import Mail, render_mail
from convene.meetings.timezones import in_zone
from convene.meetings.vocabulary import SessionStatus
from convene.reports.texts import weekday_date
from convene.translation import ENGLISH, current_locale, using_locale
from convene.translation import gettext as _

REQUEST = "REQUEST"
CANCEL = "CANCEL"
CANCELLED = "cancelled"
SUBJECT_LIMIT = 300  # the outbox's column


async def invite(identity: CalendarIdentity, person: Person) -> None:
    """Invite an approved delegate to every live sitting of their session, one e-mail each.

    Called when a registration becomes approved, and again after an approved
    registration changes mode (the invitations then carry the room or the
    join link that now applies). It sends nothing for a registration that is
    not approved, or a session with no live sitting yet: each sitting
    scheduled later is sent to the approved delegates as it is created.
    Written in the person's language, titles and agenda items included.
    """
    if person.status != "approved":
        return
    language = await registrant_language(person.email, person.registration_id)
    with using_locale(language):
        session = await _live_session(person.session_id)
        if session is None:
            return
        sittings = await _live_sittings(session)
        named, now = await installed(identity), datetime.now(UTC)
        for sitting in sittings:
            mail = _wording(
                "sitting_invitation", person, session, sitting, named, count=len(sittings)
            )
            await enqueue(
                _recipient(person),
                _subject(mail.subject),
                mail.text,
                attachments=_calendar_parts(REQUEST, sitting, session, person, named, now),
            )


async def withdraw(identity: CalendarIdentity, person: Person, *, moved: bool = False) -> None:
    """Withdraw the invitations of a registration that is no longer approved, one e-mail each.

    Called when an approved registration is cancelled, rejected or
    substituted, with the person as they were approved: the CANCEL goes to
    the address the invitations went to. ``moved``: the person stays approved
    but their address was corrected, and the invitations go to the new one.
    Sittings already cancelled were withdrawn when they were cancelled and are left out.
    """
    language = await registrant_language(person.email, person.registration_id)
    with using_locale(language):
        session = await _live_session(person.session_id, allow_cancelled=True)
        if session is None:
            return
        named, now = await installed(identity), datetime.now(UTC)
        for sitting in await _live_sittings(session):
            mail = _wording("sitting_withdrawal", person, session, sitting, named, moved=moved)
            await enqueue(
                _recipient(person),
                _subject(mail.subject),
                mail.text,
                attachments=_calendar_parts(CANCEL, sitting, session, person, named, now),
            )


async def announce_sitting_change(identity: CalendarIdentity, sitting_id: int) -> None:
    """Tell every approved delegate of the session: an update (REQUEST) or a CANCEL.

    Called when a sitting is scheduled, when its SEQUENCE rises (its title,
    time, room, link or agenda, or its session's title, venue, link or zone)
    and when it is cancelled. Each delegate hears in their own language: the
    session and sitting are read once per language among them.
    """
    sitting = await sources.sitting(sitting_id)
    if sitting is None:
        raise NotFound(_("Sitting not found"))
    session = await _live_session(sitting.session_id, allow_cancelled=True)
    if session is None:
        return
    by_language: dict[str, list[Person]] = defaultdict(list)
    for person in await sources.approved_registrations_in(session.id):
        by_language[await registrant_language(person.email, person.registration_id)].append(person)
    method = CANCEL if sitting.status == CANCELLED else REQUEST
    named, now = await installed(identity), datetime.now(UTC)
    for language, people in by_language.items():
        with using_locale(language):
            session = await _live_session(sitting.session_id, allow_cancelled=True) or session
            sitting = await sources.sitting(sitting_id) or sitting
            for person in people:
                mail = _wording("sitting_change", person, session, sitting, named, method=method)
                await enqueue(
                    _recipient(person),
                    _subject(mail.subject),
                    mail.text,
                    attachments=_calendar_parts(method, sitting, session, person, named, now),
                )


async def _live_sittings(session: SessionInfo) -> list[SittingInfo]:
    return [
        sitting
        for sitting in await sources.sittings_of([session.id])
        if sitting.status != CANCELLED
    ]


# Building --------------------------------------------------------------------


def scheduling_message(
    method: str,
    sitting: SittingInfo,
    session: SessionInfo,
    person: Person,
    identity: CalendarIdentity,
    now: datetime,
) -> bytes:
    """One sitting as an iTIP message to one delegate, as their mode shows it."""
    event = sitting_event(
        sitting,
        session,
        identity,
        stamp=now,
        last_modified=max(sitting.updated_at, session.updated_at, person.updated_at),
        mode=person.mode,
    )
    if method == CANCEL:
        event["STATUS"] = "CANCELLED"
    address_attendance(event, identity, person.name, person.email)
    meta = CalendarMeta(uid=None, timezone=session.timezone, method=method)
    return calendar_bytes(meta, [event], produced=now)


def _calendar_parts(
    method: str,
    sitting: SittingInfo,
    session: SessionInfo,
    person: Person,
    identity: CalendarIdentity,
    now: datetime,
) -> list[Attachment]:
    """The invitation as the e-mail's calendar form, and the same bytes as a file."""
    content = scheduling_message(method, sitting, session, person, identity, now)
    return [
        Attachment(
            filename="invite.ics",
            content=content,
            content_type=f"text/calendar; method={method}; charset=utf-8",
            disposition="alternative",
        ),
        Attachment(filename="invite.ics", content=content, content_type="application/ics"),
    ]


async def _live_session(session_id: int, *, allow_cancelled: bool = False) -> SessionInfo | None:
    """The session, unless nobody should hear of it (a draft) or it is over for good."""
    session = (await sources.sessions_by_id([session_id])).get(session_id)
    excluded = {SessionStatus.DRAFT.value} | (
        set() if allow_cancelled else {SessionStatus.CANCELLED.value}
    )
    return None if session is None or session.status in excluded else session


def _recipient(person: Person) -> str:
    """``Name <address>``; either may be beyond ASCII (the outbox encodes it when sending)."""
    return addressed(person.name, person.email)


def _subject(subject: str) -> str:
    """One line, within the outbox's column."""
    subject = " ".join(subject.split())
    return subject if len(subject) <= SUBJECT_LIMIT else subject[: SUBJECT_LIMIT - 1] + "…"


# Wording ---------------------------------------------------------------------


def _wording(
    message: str,
    person: Person,
    session: SessionInfo,
    sitting: SittingInfo,
    identity: CalendarIdentity,
    **context: Any,
) -> Mail:
    """The message ``frontend/templates/mail/<message>.txt``, in the current language."""
    return render_mail(
        message,
        current_locale(),
        person_name=person.name or person.email,
        mode=_(AttendanceMode(person.mode).label).lower(),
        session_title=session.title,
        title=lower_first(session.title),
        sitting=sitting,
        line=_sitting_line(sitting, session, person),
        zone=session.timezone,
        session_url=identity.session_url(session.id),
        organizer=identity.organizer_name,
        cancel=CANCEL,
        request=REQUEST,
        **context,
    )


def _sitting_line(sitting: SittingInfo, session: SessionInfo, person: Person) -> str:
    start, end = (
        in_zone(sitting.starts_at, session.timezone),
        in_zone(sitting.ends_at, session.timezone),
    )
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{_day(end)} {end:%H:%M}"
    where = _where(sitting, session, person)
    return f"{sitting.title}: {_day(start)}, {start:%H:%M}–{until}" + (
        f", {where}" if where else ""
    )


def _day(moment: datetime) -> str:
    """ "Monday 31 August 2020"; "lundi 31 août 2020" in French."""
    if current_locale() != ENGLISH:
        return weekday_date(moment.date())
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def _where(sitting: SittingInfo, session: SessionInfo, person: Person) -> str:
    if person.mode == AttendanceMode.ONLINE_LISTENING.value:
        # Never the speaking link: their own join link (on their page) leads to the webcast.
        return _("online (webcast): your own join link is on your Convene page")
    if person.mode != AttendanceMode.IN_PERSON.value:
        link = sitting.online_link or session.join_link
        return _("online: %(link)s", link=link) if link else _("online (the link will follow)")
    return ", ".join(part for part in (sitting.room, session.venue_name) if part)
