"""HTTP for the reports: PDFs for the secretariat; the list of participants for all once published."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from convene.bounds import PathId
from convene.accounts.guards import is_secretariat, requires_secretariat
from convene.meetings.services import get_session
from convene.reports import services
from convene.reports.services import ReportFile
from convene.meetings.vocabulary import Language
from convene.reports.vocabulary import ListVersion
from convene.settings import Settings
from convene.translation import current_locale

AnyRequest = Request[Any, Any, Any]
AppSettings = NamedDependency[Settings]
PDF = "application/pdf"
Version = Annotated[
    ListVersion,
    QueryParameter(description="provisional (before and during the session) or final (after it)"),
]
ReportLanguage = Annotated[
    Language | None,
    QueryParameter(
        description="The language the report is built in, one of the six official languages "
        "(ar, zh, en, fr, ru, es): its headings, categories, dates and titles (names stay as "
        "registered; Arabic is laid out right to left). Without it, the request's language"
    ),
]


def report_language(language: Language | None) -> str:
    return language.value if language else current_locale()


class SessionReportController(Controller):
    path = "/api/sessions/{session_id:int}/reports"
    tags = ["Reports"]

    @get(
        "/participants.pdf",
        media_type=PDF,
        summary="The list of participants (public once published)",
    )
    async def participants(
        self,
        request: AnyRequest,
        session_id: PathId,
        settings: AppSettings,
        version: Version = ListVersion.PROVISIONAL,
        language: ReportLanguage = None,
    ) -> Response[bytes]:
        session = await get_session(session_id, include_private=is_secretariat(request.user))
        if not session.participants_published:
            await requires_secretariat(request, request.route_handler)
        report = await services.participants_pdf(
            session, version, reports_dir(settings), report_language(language)
        )
        return pdf_response(request, report)

    @get(
        "/agenda.pdf",
        media_type=PDF,
        guards=[requires_secretariat],
        summary="The agenda and programme of work",
    )
    async def agenda(
        self,
        request: AnyRequest,
        session_id: PathId,
        settings: AppSettings,
        language: ReportLanguage = None,
    ) -> Response[bytes]:
        session = await get_session(session_id, include_private=True)
        report = await services.agenda_pdf(
            session, reports_dir(settings), report_language(language)
        )
        return pdf_response(request, report)

    @get(
        "/attendance.pdf",
        media_type=PDF,
        guards=[requires_secretariat],
        summary="Attendance figures",
    )
    async def attendance(
        self,
        request: AnyRequest,
        session_id: PathId,
        settings: AppSettings,
        language: ReportLanguage = None,
    ) -> Response[bytes]:
        session = await get_session(session_id, include_private=True)
        report = await services.attendance_pdf(
            session, reports_dir(settings), report_language(language)
        )
        return pdf_response(request, report)


def reports_dir(settings: Settings) -> Path:
    """Where cached PDFs live: beside the app's other working files, never in the checkout."""
    return settings.var_dir / "reports"


def pdf_response(request: AnyRequest, report: ReportFile) -> Response[bytes]:
    """The PDF, shown in the browser, with an ETag so an unchanged report is not sent twice.

    ``X-Report-Unprintable`` counts the names it could not print in full (the
    reports page names them to the secretariat).
    """
    etag = f'"{report.digest}"'
    headers = {
        "ETag": etag,
        "Cache-Control": "private, no-cache",
        "X-Report-Cache": "hit" if report.from_cache else "miss",
        "X-Report-Unprintable": str(len(report.unprintable)),
    }
    if etag in request.headers.get("if-none-match", ""):
        return Response(content=b"", status_code=304, headers=headers, media_type=PDF)
    headers["Content-Disposition"] = f'inline; filename="{report.filename}"'
    return Response(content=report.content, media_type=PDF, headers=headers)
