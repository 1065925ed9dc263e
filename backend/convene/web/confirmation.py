"""Destructive actions ask first, with or without scripts.

A form whose change cannot be undone (cancel a registration, reject, remove an agenda item,
cancel a sitting, replace a calendar link...) posts once without ``confirmed``; its handler
then answers a page that says what is about to happen, with a form that posts the same fields
again plus ``confirmed=yes`` and a link back. With scripts, ``convene.js`` asks the same in a
``<dialog>`` (the form or its button carries ``data-confirm``) and posts the form confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.response import Template

from convene.web.forms import text
from convene.web.rendering import AnyRequest, render

CONFIRMED = "confirmed"
UNSENT = {"_csrf_token", CONFIRMED}
"""Fields the confirmation form writes itself rather than repeating."""


@dataclass(frozen=True)
class Question:
    """What the confirmation page asks, in the words of the page the action came from."""

    heading: str
    """The question: "Cancel the registration of Ms. Anna Huber?"."""
    consequence: str
    """What happens, and whether it can be undone."""
    yes: str
    """The button that goes ahead: "Yes, cancel the registration"."""
    back: str
    """Where "No, go back" leads: the page the action came from."""


def is_confirmed(form: Any) -> bool:
    """The person has answered yes (on the confirmation page, or in the dialog)."""
    return text(form, CONFIRMED) == "yes"


async def ask_first(request: AnyRequest, form: Any, question: Question) -> Template:
    """The confirmation page: the question, and the same post again, confirmed."""
    fields = [
        (name, value)
        for name, value in form.multi_items()
        if name not in UNSENT and isinstance(value, str)
    ]
    return await render(
        request, "web/confirm.html", question=question, action=request.url.path, fields=fields
    )
