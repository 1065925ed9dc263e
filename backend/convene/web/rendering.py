"""Answering a page request: render a template, or redirect after a change (post/redirect/get).

After a successful form post the browser is sent (303) to the page that shows
the result, with a ``notice`` key in the query; the page turns the key into a
sentence from :data:`NOTICES`, so no text from the address is ever shown.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Request
from litestar.response import Redirect, Template

from convene.accounts.pages import page
from convene.templating import gettext as _

AnyRequest = Request[Any, Any, Any]

NOTICES = {
    "session-created": "The session has been created.",
    "session-saved": "The session has been saved.",
    "registration-opened": "Registration is open.",
    "item-added": "The agenda item has been added.",
    "item-saved": "The agenda item has been saved.",
    "item-moved": "The agenda item has been moved.",
    "item-removed": "The agenda item has been removed; the items after it were renumbered.",
    "document-added": "The document has been attached.",
    "document-removed": "The document has been removed.",
    "agenda-adopted": "The adoption of the agenda has been recorded.",
    "sitting-added": "The sitting has been scheduled.",
    "sitting-saved": "The sitting has been saved.",
    "sitting-cancelled": "The sitting has been cancelled.",
    "officer-added": "The officer has been added.",
    "officer-removed": "The officer has been removed.",
    "delegation-opened": "The delegation is open: you can now register its members.",
    "delegation-saved": "The delegation has been saved.",
    "delegate-added": "The delegate has been registered.",
    "delegate-waitlisted": "No place was free, so the delegate has been put on the waiting list.",
    "delegate-saved": "The delegate's details have been saved.",
    "mode-switched": "The mode of participation has been changed.",
    "delegate-substituted": "The substitute has been registered in the same place.",
    "delegate-cancelled": "The registration has been cancelled.",
    "link-rotated": "You have a new calendar link; the old one no longer works.",
    "sponsor-added": "Your State now sponsors this proposal.",
    "sponsor-withdrawn": "Your State's sponsorship has been withdrawn.",
    "proposal-created": "The draft has been registered.",
    "proposal-text-saved": "The text has been saved.",
    "proposal-issued": "The document has been issued.",
    "proposal-revised": "A revision is being prepared: correct its text, then issue it.",
    "proposal-deadline-set": "The sponsorship deadline has been set.",
    "proposal-acted": "The action taken has been recorded.",
    "seat-plan-saved": "The seat plan has been saved.",
}


async def render(
    request: AnyRequest, template: str, status_code: int = 200, **context: Any
) -> Template:
    """The page, with the notice named in the query (if any) and an empty error set by default."""
    key = request.query_params.get("notice")
    context.setdefault("errors", {})
    context.setdefault("notice", _(NOTICES[key]) if key in NOTICES else None)
    return await page(request, template, status_code, **context)


def see_other(path: str, notice: str | None = None, **query: Any) -> Redirect:
    """Go to ``path`` after a change, naming what happened."""
    params = {key: value for key, value in query.items() if value not in (None, "")}
    if notice:
        assert notice in NOTICES, notice
        params["notice"] = notice
    return Redirect(path=f"{path}?{urlencode(params)}" if params else path, status_code=303)


def is_htmx(request: AnyRequest) -> bool:
    """An htmx request wants only the fragment it will swap in."""
    return request.headers.get("hx-request") == "true"
