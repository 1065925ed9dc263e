"""Answering a page request: render a template, or redirect after a change (post/redirect/get).

After a successful form post the browser is sent (303) to the page that shows
the result, with a ``notice`` key in the query; the page turns the key into a
sentence from :data:`NOTICES`, so no text from the address is ever shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from litestar import Request
from litestar.response import Redirect, Template

from convene.accounts.pages import page
from convene.templating import gettext as _
from convene.translation import N_

AnyRequest = Request[Any, Any, Any]

NOTICES = {
    "session-created": N_("The session has been created."),
    "session-saved": N_("The session has been saved."),
    "registration-opened": N_("Registration is open."),
    "item-added": N_("The agenda item has been added."),
    "item-saved": N_("The agenda item has been saved."),
    "item-moved": N_("The agenda item has been moved."),
    "item-removed": N_("The agenda item has been removed; the items after it were renumbered."),
    "document-added": N_("The document has been attached."),
    "document-removed": N_("The document has been removed."),
    "agenda-adopted": N_("The adoption of the agenda has been recorded."),
    "sitting-added": N_("The sitting has been scheduled."),
    "sitting-saved": N_("The sitting has been saved."),
    "sitting-cancelled": N_("The sitting has been cancelled."),
    "officer-added": N_("The officer has been added."),
    "officer-removed": N_("The officer has been removed."),
    "delegation-opened": N_("The delegation is open: you can now register its members."),
    "delegation-saved": N_("The delegation has been saved."),
    "delegate-added": N_("The delegate has been registered."),
    "delegate-waitlisted": N_("No place was free, so the delegate has been put on the waiting list."),
    "delegate-saved": N_("The delegate's details have been corrected; their place and approval stay."),
    "registration-reopened": N_("The registration has been reopened: it awaits a decision again."),
    "mode-switched": N_("The mode of participation has been changed."),
    "delegate-substituted": N_("The substitute has been registered in the same place."),
    "delegate-cancelled": N_("The registration has been cancelled."),
    "link-rotated": N_("You have a new calendar link; the old one no longer works."),
    "sponsor-added": N_("Your State now sponsors this proposal."),
    "sponsor-withdrawn": N_("Your State's sponsorship has been withdrawn."),
    "proposal-created": N_("The draft has been registered."),
    "proposal-text-saved": N_("The text has been saved."),
    "proposal-issued": N_("The document has been issued."),
    "proposal-revised": N_("A revision is being prepared: correct its text, then issue it."),
    "proposal-deadline-set": N_("The sponsorship deadline has been set."),
    "proposal-acted": N_("The action taken has been recorded."),
    "seat-plan-saved": N_("The seat plan has been saved."),
    "invitation-sent": N_("The invitation has been sent, with a link to choose a password."),
    "invitation-resent": N_("A new link has been sent; the previous one no longer works."),
    "invitation-revoked": N_("The invitation has been taken back: its link no longer works."),
    "message-retried": N_("The message will be sent again in a moment."),
}


WARNINGS = {"delegate-waitlisted"}
"""Notices that tell of something not done as asked: shown as a warning, not as a success."""


@dataclass(frozen=True)
class Notice:
    """A notice as the page shows it: its sentence, and ``warning`` when it is one."""

    text: str
    kind: str = ""

    def __str__(self) -> str:
        return self.text


async def render(
    request: AnyRequest, template: str, status_code: int = 200, **context: Any
) -> Template:
    """The page, with the notice named in the query (if any) and an empty error set by default."""
    key = request.query_params.get("notice")
    context.setdefault("errors", {})
    kind = "warning" if key in WARNINGS else ""
    context.setdefault("notice", Notice(_(NOTICES[key]), kind) if key in NOTICES else None)
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
