"""The head of every report, and the document symbols the reports carry.

The list of participants is an information document (INF) of the session and
the provisional agenda is, by practice, its document /1. When the secretariat
has already recorded such a document, the report carries that symbol;
otherwise it carries the symbol practice gives it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import msgspec

from convene.agenda.tables import Document
from convene.meetings.schemas import SessionOut
from convene.reports.schemas import ReportHeader
from convene.reports.language import report_gettext as _
from convene.reports.texts import date_span, long_date
from convene.translation import current_locale, text_direction
from convene.reports.vocabulary import AGENDA_SERIAL, PARTICIPANTS_INF_NUMBER


GENERAL_DISTRIBUTION = "General"


def report_header(
    session: SessionOut, *, heading: str, symbol: str, version_note: str = ""
) -> ReportHeader:
    """The head of a working report: no masthead, and a symbol only if it has one."""
    language = current_locale()
    return ReportHeader(
        language=language,
        direction=text_direction(language),
        session_id=session.id,
        session_title=session.title,
        dates=date_span(session.start_date, session.end_date),
        venue=venue(session),
        symbol=symbol,
        heading=heading,
        author=author(session),
        version_note=version_note,
    )


def document_header(
    session: SessionOut, *, heading: str, symbol: str, version_note: str = ""
) -> ReportHeader:
    """The head of a report issued as a document of the session, under the UN masthead.

    Dated the day it is printed, in the venue's time, as a document is dated
    the day it is issued.
    """
    header = report_header(session, heading=heading, symbol=symbol, version_note=version_note)
    today = datetime.now(ZoneInfo(session.timezone)).date()
    return msgspec.structs.replace(
        header, distribution=GENERAL_DISTRIBUTION, issued_on=long_date(today)
    )


def venue(session: SessionOut) -> str:
    """ "Vienna International Centre, Vienna"; "Online" for an online session with no venue."""
    place = ", ".join(part for part in (session.venue_name, session.city) if part)
    return place or (_("Online") if session.format == "online" else "")


def author(session: SessionOut) -> str:
    """The secretariat of the body (or bodies, for a joint session) that meets."""
    names = [part.body_name for part in session.parts]
    if not names:
        return _("Secretariat")
    return _("Secretariat of the %(bodies)s", bodies=_(" and the ").join(names))


async def participants_symbol(session: SessionOut) -> str:
    """The INF document recorded as the list of participants, else the first free INF number from 2."""
    prefix = f"{session.symbol_prefix}/INF/"
    rows = await Document.select(Document.symbol, Document.title, Document.session).where(
        Document.symbol.like(f"{prefix}%")
    )
    for row in rows:
        if row["session"] == session.id and "list of participants" in row["title"].casefold():
            return row["symbol"]
    taken = {row["symbol"] for row in rows}
    number = PARTICIPANTS_INF_NUMBER
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


async def agenda_symbol(session: SessionOut) -> str:
    """The session's document recorded as its agenda, else ``<prefix>/1``."""
    rows = await Document.select(Document.symbol, Document.title).where(
        Document.session == session.id
    )
    usual = f"{session.symbol_prefix}/{AGENDA_SERIAL}"
    agendas = sorted(
        (
            row["symbol"]
            for row in rows
            if row["title"].casefold().startswith(("provisional agenda", "agenda"))
        ),
        key=lambda symbol: (symbol != usual, len(symbol), symbol),
    )
    return agendas[0] if agendas else usual
