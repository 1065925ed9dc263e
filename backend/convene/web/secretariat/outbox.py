"""The secretariat's outbox page: every e-mail Convene wrote, its text, and how sending went.

The API lists messages without their text; this page shows it, so the secretariat can read
what a person was told and pass on an invitation link that did not arrive (a message not yet
sent still carries its link; a sent one keeps it redacted). A failed message can be sent again.
"""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from convene.api.pagination import PageNumber
from convene.bounds import PathId
from convene.mail.services import MailStatus, read_messages, retry_failed
from convene.web.rendering import AnyRequest, render, see_other
from convene.web.secretariat.pages import SecretariatController

PER_PAGE = 20
STATUSES = [status.value for status in MailStatus]


class OutboxPages(SecretariatController):
    path = "/secretariat/outbox"

    @get("/")
    async def page(
        self, request: AnyRequest, status: FromQuery[str | None] = None, page: PageNumber = 1
    ) -> Template:
        chosen = MailStatus(status) if status in STATUSES else None
        messages, total = await read_messages(
            chosen, limit=PER_PAGE, offset=(max(page, 1) - 1) * PER_PAGE
        )
        return await render(
            request,
            "web/secretariat/outbox.html",
            messages=messages,
            total=total,
            status=chosen.value if chosen else "",
            page=max(page, 1),
            pages=max(1, -(-total // PER_PAGE)),
        )

    @post("/{message_id:int}/retry")
    async def retry(self, request: AnyRequest, message_id: PathId) -> Redirect:
        await retry_failed(request.user, message_id)
        return see_other("/secretariat/outbox", "message-retried", status="pending")
