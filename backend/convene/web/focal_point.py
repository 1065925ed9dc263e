"""A focal point's home page: the sessions their entity may attend, and a delegation to open.

The pages of a delegation and of its members' registrations, which the secretariat
uses too, are in :mod:`convene.web.delegation_pages` and
:mod:`convene.web.registration_pages`; the helpers below are shared with them.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.delegations import delegations
from convene.delegations.schemas import DelegationIn
from convene.delegations.vocabulary import HONORIFICS, OPEN_MODES, AttendanceMode
from convene.entities.services import get_entity
from convene.errors import NotFound
from convene.meetings.schemas import SessionOut
from convene.meetings.services import SessionFilters, list_sessions
from convene.meetings.vocabulary import SessionFormat
from convene.templating import gettext as _
from convene.translation import N_
from convene.web.access import requires_focal_point
from convene.web.formatting import MODE_LABELS, long_date, today_in
from convene.web.forms import REFUSED, convert, post_form, text
from convene.web.rendering import AnyRequest, render, see_other

PERSON = ("given_name", "family_name", "name_order", "email", "honorific", "function", "organization", "phone")
DETAILS = PERSON
"""What a correction of the same person may change (their place and approval stay)."""
REGISTRATION_FIELDS = (*PERSON, "mode", "is_head")
HONORIFIC_OPTIONS = [(h, h) for h in HONORIFICS if h]
REQUIRED = {
    "given_name": N_("Enter the given name"),
    "family_name": N_("Enter the family name"),
    "email": N_("Enter the e-mail address"),
}


def required() -> dict[str, str]:
    """What to say of each required field of a person left empty, in the reader's language."""
    return {name: _(message) for name, message in REQUIRED.items()}


def registration_window(session: SessionOut) -> tuple[bool, str]:
    """Whether the dates set for registration include today (venue time), and how to say so.

    Only a hint for the page: the registration service itself decides, and its
    refusal is shown if the page's hint is out of date.
    """
    today = today_in(session.timezone)
    opens, closes = session.registration_opens, session.registration_closes
    if opens and today < opens:
        return False, _("Registration opens on %(day)s", day=long_date(opens))
    if (closes and today > closes) or today > session.end_date:
        return False, _("Registration is closed")
    if closes:
        return True, _("Registration is open until %(day)s", day=long_date(closes))
    return True, _("Registration is open")


def mode_options(session: SessionOut) -> list[tuple[str, str]]:
    """The modes of participation the session's format offers, in a fixed order."""
    offered = OPEN_MODES[SessionFormat(session.format)]
    return [(mode.value, _(MODE_LABELS[mode.value])) for mode in AttendanceMode if mode in offered]


def person_values(form: Any, names: tuple[str, ...]) -> dict[str, str]:
    """A person's fields as typed, to show again if something is wrong."""
    return {name: text(form, name) for name in names}


class FocalPointPages(Controller):
    include_in_schema = False
    guards = [requires_focal_point]

    @get("/focal-point")
    async def home(self, request: AnyRequest) -> Template:
        return await self._home(request, {}, {})

    async def _home(
        self, request: AnyRequest, errors: dict[str, dict[str, str]], values: dict[str, str]
    ) -> Template:
        entity = await get_entity(request.user.entity)
        upcoming, _total = await list_sessions(
            SessionFilters(when="upcoming", status="scheduled"),
            page=1,
            per_page=200,
            include_drafts=False,
        )
        rows = []
        for session in upcoming:
            if entity.category not in session.admitted_categories:
                continue
            own = (await delegations.list_delegations(request.user, session.id)).items
            rows.append((session, registration_window(session), own[0] if own else None))
        return await render(
            request,
            "web/focal_point/home.html",
            409 if errors else 200,
            entity=entity,
            rows=rows,
            errors=errors,
            values=values,
        )

    @post("/focal-point/sessions/{session_id:int}/delegation")
    async def open_delegation(
        self, request: AnyRequest, session_id: PathId
    ) -> Template | Redirect:
        reference = text(await request.form(), "credentials_reference")
        return await post_form(
            lambda: delegations.create_delegation(
                request.user,
                session_id,
                convert({"credentials_reference": reference}, DelegationIn),
            ),
            then=lambda opened: see_other(f"/delegations/{opened.id}", "delegation-opened"),
            again=lambda failure: self._home(
                request, {str(session_id): failure.errors}, {str(session_id): reference}
            ),
            fields=["credentials_reference"],
            refused=(*REFUSED, NotFound),
        )
