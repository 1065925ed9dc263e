"""Pages accept posts only as HTML forms send them, with printable text in every field.

A page reads its post with ``request.form()``, which reads any other body (JSON,
say) as an empty form: the page would then blank the fields it saves and still
say "saved". So a page's post in another format is refused with 415 before any
page code runs, and the sender learns what to send instead.

A field holding a control character (other than line breaks and tabs, which
a text area sends) is refused here with 400 naming it, whatever the page does
with it; whether a field may hold line breaks is its schema's business
(:mod:`convene.text`).
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import ClientException, HTTPException

from convene.text import PRINTABLE, TEXT_PATTERN
from convene.translation import gettext

FORM_MEDIA_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
READS_NO_BODY = frozenset({"GET", "HEAD", "OPTIONS"})


async def only_form_posts(request: Request[Any, Any, Any]) -> None:
    """A ``before_request`` hook for page routers and controllers."""
    if request.method in READS_NO_BODY:
        return
    media_type, _ = request.content_type
    if not media_type and request.headers.get("content-length", "0") == "0":
        return  # an empty post (a button with no fields): nothing to misread
    if media_type not in FORM_MEDIA_TYPES:
        raise HTTPException(
            status_code=415,
            detail=gettext(
                "Pages accept HTML form posts only "
                "(application/x-www-form-urlencoded or multipart/form-data); use the API for JSON"
            ),
            extra={"errors": [{"field": "Content-Type", "message": _not_a_form(media_type)}]},
        )
    form = await request.form()
    for name, value in form.multi_items():
        if isinstance(value, str) and not TEXT_PATTERN.search(value):
            field = "".join(c for c in name if c.isprintable())[:100] or "form"
            message = gettext(PRINTABLE)
            raise ClientException(
                detail=f"{field}: {message}",
                extra={"errors": [{"field": field, "message": message}]},
            )


def _not_a_form(media_type: str | None) -> str:
    return gettext("%(type)s is not a form", type=media_type or "none")
