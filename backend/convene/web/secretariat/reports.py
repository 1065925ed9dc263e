"""The secretariat's reports page (built on demand, then downloaded) and the audit log."""

from __future__ import annotations

from litestar import get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from convene.api.pagination import Page, PageNumber, offset
from convene.bounds import MAX_ID, PathId
from convene.audit.services import list_entries, object_types
from convene.errors import NotFound
from convene.meetings.schemas import SessionOut
from convene.settings import Settings
from convene.translation import LANGUAGES, current_locale, gettext
from convene.web.forms import post_form, text
from convene.web.rendering import AnyRequest, is_htmx, render
from convene.web.reports_desk import REPORTS, Built, build_report
from convene.web.secretariat.pages import SecretariatController, session_choices, session_of

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
            languages=LANGUAGES,
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
            raise NotFound(gettext("Report not found"))
        language = text(await request.form(), "language") or current_locale()
        return await post_form(
            lambda: build_report(session, kind, settings, language),
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
            languages=LANGUAGES,
        )


AUDIT_FILTERS = ("session", "object_type", "object_id", "person")
PER_PAGE = 50


class AuditPages(SecretariatController):
    path = "/secretariat/audit"

    @get("/")
    async def page(self, request: AnyRequest, page: PageNumber = 1) -> Template:
        """The log, newest first, by session, object and person; each change as what changed."""
        filters = {name: text(request.query_params, name)[:100] for name in AUDIT_FILTERS}
        session_id = int(filters["session"]) if filters["session"].isdigit() else None
        if session_id is not None and session_id > MAX_ID:
            session_id = None
        entries, total = await list_entries(
            session_id=session_id,
            object_type=filters["object_type"] or None,
            object_id=filters["object_id"][:60] or None,
            person=filters["person"] or None,
            limit=PER_PAGE,
            offset=offset(page, PER_PAGE),
        )
        return await render(
            request,
            "web/secretariat/audit.html",
            entries=entries,
            listed=Page(entries, total, page, PER_PAGE),
            filters=filters,
            sessions=await session_choices(),
            object_types=[(kind, kind) for kind in await object_types()],
        )
