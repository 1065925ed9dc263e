"""The secretariat's reports page (built on demand, then downloaded) and the audit log."""

from __future__ import annotations

from litestar import get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from convene.api.pagination import PageNumber
from convene.bounds import PathId
from convene.audit.services import list_entries
from convene.errors import NotFound
from convene.meetings.schemas import SessionOut
from convene.settings import Settings
from convene.web.forms import post_form
from convene.web.rendering import AnyRequest, is_htmx, render
from convene.web.reports_desk import REPORTS, Built, build_report
from convene.web.secretariat.pages import SecretariatController, session_of, sessions_in_hand

AppSettings = NamedDependency[Settings]


class ReportPages(SecretariatController):
    path = "/secretariat/sessions/{session_id:int}/reports"

    @get("/")
    async def page(self, request: AnyRequest, session_id: PathId) -> Template:
        return await render(
            request,
            "web/secretariat/reports.html",
            session=await session_of(session_id),
            reports=REPORTS,
            built={},
            errors={},
        )

    @post("/{kind:str}")
    async def build(
        self,
        request: AnyRequest,
        session_id: PathId,
        kind: FromPath[str],
        settings: AppSettings,
    ) -> Template:
        session = await session_of(session_id)
        if kind not in REPORTS:
            raise NotFound("Report")
        return await post_form(
            lambda: build_report(session, kind, settings),
            then=lambda built: self._report_page(request, session, kind, built=built),
            again=lambda failure: self._report_page(
                request, session, kind, failure.status_code, " ".join(failure.errors.values())
            ),
        )

    async def _report_page(
        self,
        request: AnyRequest,
        session: SessionOut,
        kind: str,
        status_code: int = 200,
        error: str | None = None,
        built: Built | None = None,
    ) -> Template:
        """The report's entry (its link once built, or why it cannot be), or the page with it."""
        template = (
            "web/secretariat/_report.html" if is_htmx(request) else "web/secretariat/reports.html"
        )
        return await render(
            request,
            template,
            status_code,
            session=session,
            reports=REPORTS,
            built={kind: built} if built else {},
            errors={kind: error} if error else {},
            kind=kind,
            report=REPORTS[kind],
        )


class AuditPages(SecretariatController):
    path = "/secretariat/audit"

    @get("/")
    async def page(
        self, request: AnyRequest, session: FromQuery[str | None] = None, page: PageNumber = 1
    ) -> Template:
        per_page, page = 50, max(page, 1)
        session_id = int(session) if session and session.isdigit() else None
        entries, total = await list_entries(
            session_id=session_id, limit=per_page, offset=(page - 1) * per_page
        )
        sessions, _count = await sessions_in_hand()
        return await render(
            request,
            "web/secretariat/audit.html",
            entries=entries,
            total=total,
            page=page,
            pages=max(1, -(-total // per_page)),
            session_id=session_id,
            sessions=[(s.id, s.title) for s in sessions],
        )
