"""The reports the secretariat builds from its pages, and where each is downloaded once built.

Building goes through the reports service, which lays the PDF out (seconds
for a long list) and caches it; the download link then points at the
report's own API address, which serves the cached file at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from convene.errors import RuleViolation
from convene.meetings.schemas import SessionOut
from convene.reports import services
from convene.reports.controllers import reports_dir
from convene.reports.vocabulary import ListVersion
from convene.settings import Settings
from convene.translation import LANGUAGES, N_
from convene.translation import gettext as _


@dataclass(frozen=True)
class Report:
    title: str
    description: str
    file: str
    """The PDF's address under ``/api/sessions/{id}/reports/``."""


@dataclass(frozen=True)
class Built:
    url: str
    filename: str
    size_kb: int
    from_cache: bool


REPORTS = {
    "participants-provisional": Report(
        N_("Provisional list of participants"),
        N_("Every approved person, grouped as the rules of procedure list them."),
        "participants.pdf?version=provisional",
    ),
    "participants-final": Report(
        N_("Final list of participants"),
        N_("Printed once the session is over."),
        "participants.pdf?version=final",
    ),
    "agenda": Report(
        N_("Agenda and programme of work"),
        N_("The provisional (or adopted) agenda with its documents, and the sittings day by day."),
        "agenda.pdf",
    ),
    "attendance": Report(
        N_("Attendance report"),
        N_("Figures by category, mode of participation, regional group and sitting."),
        "attendance.pdf",
    ),
}


async def build_report(session: SessionOut, kind: str, settings: Settings, language: str) -> Built:
    """Lay the report out in ``language`` (or find it in the cache); a rule that forbids it
    raises RuleViolation."""
    if language not in LANGUAGES:
        raise RuleViolation(
            _("Choose one of the six official languages"), field="language", status_code=422
        )
    folder = reports_dir(settings)
    if kind == "agenda":
        report = await services.agenda_pdf(session, folder, language)
    elif kind == "attendance":
        report = await services.attendance_pdf(session, folder, language)
    else:
        version = ListVersion.FINAL if kind == "participants-final" else ListVersion.PROVISIONAL
        report = await services.participants_pdf(session, version, folder, language)
    file = REPORTS[kind].file
    joiner = "&" if "?" in file else "?"
    return Built(
        url=f"/api/sessions/{session.id}/reports/{file}{joiner}language={language}",
        filename=report.filename,
        size_kb=max(1, round(len(report.content) / 1024)),
        from_cache=report.from_cache,
    )
