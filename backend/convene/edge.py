"""What every request's URL must be before any code reads it: printable text.

A control character has no place in a path or a query parameter, and some
cannot be stored at all (PostgreSQL refuses NUL in text): refused here, once,
with a 400 naming the parameter, rather than failing deep in a query with a 500.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from litestar.enums import ScopeType
from litestar.exceptions import ClientException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from convene.translation import N_, gettext

CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
MESSAGE = N_("Control characters are not allowed")


class PrintableUrlMiddleware(ASGIMiddleware):
    """Refuses a request whose path or query holds a control character (decoded or not)."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        field = unprintable_part(scope["path"], scope["query_string"])
        if field is not None:
            message = gettext(MESSAGE)
            raise ClientException(
                detail=f"{field}: {message}",
                extra={"errors": [{"field": field, "message": message}]},
            )
        await next_app(scope, receive, send)


def unprintable_part(path: str, query_string: bytes) -> str | None:
    """``"path"``, or the name of the first query parameter holding a control character."""
    if CONTROL_CHARACTER.search(path):
        return "path"
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    for name, value in pairs:
        if CONTROL_CHARACTER.search(name) or CONTROL_CHARACTER.search(value):
            return CONTROL_CHARACTER.sub("", name)[:100] or "query"
    return None
