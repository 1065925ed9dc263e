"""The web page of a session's reports: download links, for each viewer those they may open.

A fuller session page is a later issue's; until then this page is where the
secretariat (and, once the list is published, anyone) finds the PDFs.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from convene.bounds import PathId
from convene.accounts.guards import is_secretariat
from convene.accounts.pages import page
from convene.meetings.services import get_session
from convene.reports.services import final_list_ready, unprintable_names


class SessionReportPages(Controller):
    include_in_schema = False

    @get("/sessions/{session_id:int}/reports")
    async def reports_page(
        self, request: Request[Any, Any, Any], session_id: PathId
    ) -> Template:
        secretariat = is_secretariat(request.user)
        session = await get_session(session_id, include_private=secretariat)
        return await page(
            request,
            "reports/session_reports.html",
            session=session,
            secretariat=secretariat,
            final_ready=final_list_ready(session),
            unprintable=await unprintable_names(session) if secretariat else [],
            api=f"/api/sessions/{session.id}/reports",
        )
