"""Pages of a delegation's focal point: open a delegation, register and manage its members.

The secretariat may use the delegation and registration pages too (to
register someone on a State's behalf); a focal point reaches only their own
entity's delegation, and another's answers 404, as the services decide.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from convene.accounts.guards import is_secretariat, requires_secretariat_or_focal_point
from convene.delegations import delegations, registrations
from convene.delegations.access import registration_for
from convene.delegations.schemas import (
    DelegationIn,
    DelegationPatch,
    ModeChange,
    PersonIn,
    RegistrationIn,
    RegistrationPatch,
)
from convene.delegations.tables import Registration
from convene.delegations.vocabulary import HONORIFICS, OPEN_MODES, AttendanceMode
from convene.entities.services import get_entity
from convene.errors import NotFound, RuleViolation
from convene.meetings.schemas import SessionOut
from convene.meetings.services import SessionFilters, get_session, list_sessions
from convene.meetings.vocabulary import SessionFormat
from convene.templating import gettext as _
from convene.web.access import requires_focal_point
from convene.web.forms import FormErrors, checked, convert, optional, require, text
from convene.web.formatting import MODE_LABELS, today_in
from convene.web.rendering import render, see_other

AnyRequest = Request[Any, Any, Any]
PERSON = ("given_name", "family_name", "email", "honorific", "function", "organization", "phone")
DETAILS = ("honorific", "function", "organization", "phone")
REQUIRED = {
    "given_name": "Enter the given name",
    "family_name": "Enter the family name",
    "email": "Enter the e-mail address",
}


def required() -> dict[str, str]:
    return {name: _(message) for name, message in REQUIRED.items()}


def registration_window(session: SessionOut) -> tuple[bool, str]:
    """Whether the dates set for registration include today (venue time), and how to say so.

    Only a hint for the page: the registration service itself decides, and its
    refusal is shown if the page's hint is out of date.
    """
    today = today_in(session.timezone)
    opens, closes = session.registration_opens, session.registration_closes
    if opens and today < opens:
        return False, _("Registration opens on %(day)s", day=f"{opens.day} {opens:%B %Y}")
    if (closes and today > closes) or today > session.end_date:
        return False, _("Registration is closed")
    if closes:
        return True, _("Registration is open until %(day)s", day=f"{closes.day} {closes:%B %Y}")
    return True, _("Registration is open")


def mode_options(session: SessionOut) -> list[tuple[str, str]]:
    """The modes of participation the session's format offers, in a fixed order."""
    offered = OPEN_MODES[SessionFormat(session.format)]
    return [(mode.value, _(MODE_LABELS[mode.value])) for mode in AttendanceMode if mode in offered]


def person_values(form: Any, names: tuple[str, ...]) -> dict[str, str]:
    return {name: text(form, name) for name in names}


class FocalPointPages(Controller):
    include_in_schema = False

    @get("/focal-point", guards=[requires_focal_point])
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
            own = await delegations.list_delegations(request.user, session.id)
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

    @post("/focal-point/sessions/{session_id:int}/delegation", guards=[requires_focal_point])
    async def open_delegation(
        self, request: AnyRequest, session_id: FromPath[int]
    ) -> Template | Redirect:
        form = await request.form()
        reference = text(form, "credentials_reference")
        try:
            data = convert({"credentials_reference": reference}, DelegationIn)
            opened = await delegations.create_delegation(request.user, session_id, data)
        except FormErrors as error:
            return await self._home(request, {str(session_id): error.errors}, {str(session_id): reference})
        except (RuleViolation, NotFound) as error:
            errors = FormErrors.of(error, ["credentials_reference"]).errors
            return await self._home(request, {str(session_id): errors}, {str(session_id): reference})
        return see_other(f"/delegations/{opened.id}", "delegation-opened")

    @get("/delegations/{delegation_id:int}", guards=[requires_secretariat_or_focal_point])
    async def delegation(self, request: AnyRequest, delegation_id: FromPath[int]) -> Template:
        return await self._delegation(request, delegation_id)

    async def _delegation(
        self,
        request: AnyRequest,
        delegation_id: int,
        status_code: int = 200,
        errors: dict[str, dict[str, str]] | None = None,
        values: dict[str, Any] | None = None,
    ) -> Template:
        delegation = await delegations.get_delegation(request.user, delegation_id)
        session = await get_session(delegation.session_id, include_private=is_secretariat(request.user))
        return await render(
            request,
            "web/focal_point/delegation.html",
            status_code,
            delegation=delegation,
            session=session,
            window=registration_window(session),
            modes=mode_options(session),
            honorifics=[(h, h) for h in HONORIFICS if h],
            errors=errors or {},
            values=values or {"mode": mode_options(session)[0][0]},
        )

    @post("/delegations/{delegation_id:int}", guards=[requires_secretariat_or_focal_point])
    async def save_delegation(
        self, request: AnyRequest, delegation_id: FromPath[int]
    ) -> Template | Redirect:
        form = await request.form()
        try:
            patch = convert(optional(form, "credentials_reference") or {"credentials_reference": ""}, DelegationPatch)
            await delegations.update_delegation(request.user, delegation_id, patch)
        except FormErrors as error:
            return await self._delegation(request, delegation_id, 400, {"delegation": error.errors})
        except RuleViolation as error:
            failure = FormErrors.of(error, ["credentials_reference"])
            return await self._delegation(request, delegation_id, failure.status_code, {"delegation": failure.errors})
        return see_other(f"/delegations/{delegation_id}", "delegation-saved")

    @post("/delegations/{delegation_id:int}/registrations", guards=[requires_secretariat_or_focal_point])
    async def register(self, request: AnyRequest, delegation_id: FromPath[int]) -> Template | Redirect:
        form = await request.form()
        values = person_values(form, PERSON) | {"mode": text(form, "mode"), "is_head": checked(form, "is_head")}
        row = await delegations.delegation_row(request.user, delegation_id)
        try:
            require(values, required())
            data = convert({k: v for k, v in values.items() if v != ""}, RegistrationIn)
            registration_id = await registrations.submit(request.user, row, data)
        except FormErrors as error:
            return await self._delegation(request, delegation_id, 400, {"register": error.errors}, values)
        except RuleViolation as error:
            failure = FormErrors.of(error, [*PERSON, "mode", "is_head"])
            return await self._delegation(request, delegation_id, failure.status_code, {"register": failure.errors}, values)
        status = (await Registration.select(Registration.status).where(Registration.id == registration_id).first())["status"]
        notice = "delegate-waitlisted" if status == "waitlisted" else "delegate-added"
        return see_other(f"/delegations/{delegation_id}", notice)

    # -- one registration -------------------------------------------------------

    @get("/registrations/{registration_id:int}", guards=[requires_secretariat_or_focal_point])
    async def registration(self, request: AnyRequest, registration_id: FromPath[int]) -> Template:
        return await self._registration(request, registration_id)

    async def _registration(
        self,
        request: AnyRequest,
        registration_id: int,
        status_code: int = 200,
        errors: dict[str, dict[str, str]] | None = None,
        values: dict[str, dict[str, Any]] | None = None,
    ) -> Template:
        row = await registration_for(request.user, registration_id)
        view = (await delegations.registration_views(request.user, await delegations.registration_rows(Registration.id == registration_id)))[0]
        session = await get_session(row["session"], include_private=True)
        return await render(
            request,
            "web/focal_point/registration.html",
            status_code,
            registration=view,
            session=session,
            modes=mode_options(session),
            honorifics=[(h, h) for h in HONORIFICS if h],
            errors=errors or {},
            values=values or {},
        )

    @post("/registrations/{registration_id:int}", guards=[requires_secretariat_or_focal_point])
    async def save_details(self, request: AnyRequest, registration_id: FromPath[int]) -> Template | Redirect:
        form = await request.form()
        values = person_values(form, DETAILS) | {"is_head": checked(form, "is_head")}
        return await self._change(
            request, registration_id, "details", values, "delegate-saved",
            lambda: registrations.update_details(request.user, registration_id, convert(values, RegistrationPatch)),
        )

    @post("/registrations/{registration_id:int}/mode", guards=[requires_secretariat_or_focal_point])
    async def switch_mode(self, request: AnyRequest, registration_id: FromPath[int]) -> Template | Redirect:
        form = await request.form()
        values = {"mode": text(form, "mode")}
        return await self._change(
            request, registration_id, "mode", values, "mode-switched",
            lambda: registrations.switch_mode(request.user, registration_id, convert(values, ModeChange).mode),
        )

    @post("/registrations/{registration_id:int}/substitution", guards=[requires_secretariat_or_focal_point])
    async def substitute(self, request: AnyRequest, registration_id: FromPath[int]) -> Template | Redirect:
        form = await request.form()
        values = person_values(form, PERSON)
        return await self._change(
            request, registration_id, "substitute", values, "delegate-substituted",
            lambda: self._substitute(request, registration_id, values),
        )

    @post("/registrations/{registration_id:int}/cancellation", guards=[requires_secretariat_or_focal_point])
    async def cancel(self, request: AnyRequest, registration_id: FromPath[int]) -> Template | Redirect:
        return await self._change(
            request, registration_id, "cancel", {}, "delegate-cancelled",
            lambda: registrations.cancel(request.user, registration_id),
        )

    async def _substitute(self, request: AnyRequest, registration_id: int, values: dict[str, str]) -> None:
        require(values, required())
        person = convert({k: v for k, v in values.items() if v}, PersonIn)
        await registrations.substitute(request.user, registration_id, person)

    async def _change(
        self, request: AnyRequest, registration_id: int, form_name: str, values: dict[str, Any], notice: str, action: Any
    ) -> Template | Redirect:
        """Run one change to a registration; on refusal, show the page again with the message by its field."""
        row = await registration_for(request.user, registration_id)
        try:
            await action()
        except FormErrors as error:
            return await self._registration(request, registration_id, error.status_code, {form_name: error.errors}, {form_name: values})
        except RuleViolation as error:
            failure = FormErrors.of(error, [*PERSON, "mode", "is_head"])
            return await self._registration(request, registration_id, failure.status_code, {form_name: failure.errors}, {form_name: values})
        return see_other(f"/delegations/{row['delegation']}", notice)
