"""``/api/audit``: the secretariat reads the log, by session, by person, by object."""

from __future__ import annotations

from typing import Any, Annotated

from litestar import Controller, get, Response, Request
from litestar.params import QueryParameter

from convene.bounds import MAX_ID
from convene.accounts.guards import requires_secretariat
from convene.api.pagination import ETAG_HEADERS, Page, PageNumber, PerPage, offset, fresh
from convene.audit.schemas import AuditEntryOut
from convene.audit.services import list_entries


class AuditController(Controller):
    path = "/api/audit"
    tags = ["Audit"]
    guards = [requires_secretariat]

    @get(
        "/",
        summary="The audit log, newest first (secretariat only)",
        response_headers=ETAG_HEADERS,
    )
    async def list_audit(
        self,
        request: Request[Any, Any, Any],
        session_id: Annotated[
            int | None, QueryParameter(ge=1, le=MAX_ID, description="Only this meeting session")
        ] = None,
        actor_id: Annotated[
            int | None, QueryParameter(ge=1, le=MAX_ID, description="Only changes by this account")
        ] = None,
        action: Annotated[
            str | None, QueryParameter(max_length=60, description="e.g. account.invited")
        ] = None,
        object_type: Annotated[str | None, QueryParameter(max_length=60)] = None,
        object_id: Annotated[str | None, QueryParameter(max_length=60)] = None,
        person: Annotated[
            str | None,
            QueryParameter(max_length=100, description="Part of the name of who made the change"),
        ] = None,
        page: PageNumber = 1,
        per_page: PerPage = 50,
    ) -> Response[Page[AuditEntryOut]]:
        items, total = await list_entries(
            session_id=session_id,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            person=person,
            limit=per_page,
            offset=offset(page, per_page),
        )
        return fresh(request, Page(items=items, total=total, page=page, per_page=per_page))
