"""The provisional agenda and programme of work: the agenda's items, then the sittings day by day.

Sittings are shown in the venue's time, as delegates read them on the
building's screens; a cancelled sitting stays in the table, marked, so a
reader holding an earlier print sees what changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from convene.agenda.numbering import letter
from convene.agenda.schemas import AgendaItemOut, DocumentOut
from convene.agenda.services import get_agenda
from convene.meetings.schemas import SessionOut
from convene.reports.headers import agenda_symbol, document_header
from convene.reports.schemas import (
    AgendaLine,
    AgendaReport,
    DocumentLine,
    ProgrammeDay,
    ProgrammeSitting,
)
from convene.reports.language import report_gettext as _
from convene.reports.texts import gmt_offsets, long_date, time_span, weekday_date
from convene.sittings.schemas import SittingOut
from convene.sittings.services import CANCELLED, list_sittings


async def build_agenda(session: SessionOut) -> AgendaReport:
    agenda = await get_agenda(session.id)
    sittings = await list_sittings(session.id, include_links=False)
    adopted = agenda.status == "adopted"
    heading = (
        _("Agenda and programme of work")
        if adopted
        else _("Provisional agenda and programme of work")
    )
    return AgendaReport(
        header=document_header(session, heading=heading, symbol=await agenda_symbol(session)),
        adopted_on=long_date(agenda.adopted_on) if adopted and agenda.adopted_on else "",
        items=[_line(item) for item in agenda.items],
        other_documents=_documents(
            document for document in agenda.documents if document.agenda_item_id is None
        ),
        days=programme_days(sittings),
        timezone=gmt_offsets(session.timezone, session.start_date, session.end_date),
    )


def _line(item: AgendaItemOut) -> AgendaLine:
    return AgendaLine(
        number=item.number,
        label=f"({letter(item.position)})" if item.parent_id else f"{item.number}.",
        title=item.title,
        description=item.description.strip(),
        documents=_documents(item.documents),
        sub_items=[_line(sub) for sub in item.sub_items],
    )


def _documents(documents: Iterable[DocumentOut]) -> list[DocumentLine]:
    return [DocumentLine(symbol=document.symbol, title=document.title) for document in documents]


def programme_days(sittings: list[SittingOut]) -> list[ProgrammeDay]:
    """Sittings grouped by their local date, in order of time."""
    ordered = sorted(sittings, key=lambda sitting: sitting.local_starts_at)
    return [
        ProgrammeDay(
            date=weekday_date(day), sittings=[_sitting(sitting) for sitting in day_sittings]
        )
        for day, day_sittings in groupby(
            ordered, key=lambda sitting: sitting.local_starts_at.date()
        )
    ]


def _sitting(sitting: SittingOut) -> ProgrammeSitting:
    return ProgrammeSitting(
        title=sitting.title,
        time=time_span(sitting.local_starts_at, sitting.local_ends_at),
        room=sitting.room,
        items=[numbered(item.number, item.title) for item in sitting.agenda_items],
        cancelled=sitting.status == CANCELLED,
    )


def numbered(number: str, title: str) -> str:
    """ "2. Review of implementation", "1 (a) Election of officers": a sub-item's letter takes no full stop."""
    return f"{number} {title}" if number.endswith(")") else f"{number}. {title}"
