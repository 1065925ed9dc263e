"""``/api/outbox``: the secretariat sees what mail went out, what is waiting, what failed."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get, post, Response
from litestar.params import QueryParameter

from convene.bounds import PathId
from convene.accounts.guards import requires_secretariat
from convene.api.pagination import ETAG_HEADERS, Page, PageNumber, PerPage, offset, fresh
from convene.mail.schemas import OutboxMessageOut
from convene.mail.services import MailStatus, list_messages, message_out, retry_failed


class OutboxController(Controller):
    path = "/api/outbox"
    tags = ["Mail"]
    guards = [requires_secretariat]

    @get(
        "/",
        summary="Messages in the outbox, newest first (secretariat only)",
        response_headers=ETAG_HEADERS,
    )
    async def list_outbox(
        self,
        request: Request[Any, Any, Any],
        status: Annotated[
            MailStatus | None, QueryParameter(description="pending, sent or failed")
        ] = None,
        page: PageNumber = 1,
        per_page: PerPage = 50,
    ) -> Response[Page[OutboxMessageOut]]:
        items, total = await list_messages(status, limit=per_page, offset=offset(page, per_page))
        return fresh(request, Page(items=items, total=total, page=page, per_page=per_page))

    @post("/{message_id:int}/retry", summary="Send a failed message again", status_code=200)
    async def retry_message(
        self, request: Request[Any, Any, Any], message_id: PathId
    ) -> OutboxMessageOut:
        await retry_failed(request.user, message_id)
        return await message_out(message_id)
