"""A delegate's registration page: correct their details, switch mode, substitute, cancel.

Reached from their delegation's page (:mod:`convene.web.delegation_pages`), by its focal
point or by the secretariat; a focal point reaches only their own entity's registrations.
A correction (a misspelled name, a new address) keeps the person's place and approval; a
substitution (someone else) awaits approval again. Cancelling asks first
(:mod:`convene.web.confirmation`); the secretariat can reopen a rejected registration.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.accounts.guards import requires_secretariat, requires_secretariat_or_focal_point
from convene.delegations import registrations
from convene.delegations.access import registration_for
from convene.delegations.schemas import ModeChange, PersonIn, RegistrationPatch
from convene.delegations.views import registration_view
from convene.meetings.services import get_session
from convene.web.focal_point import (
    DETAILS,
    HONORIFIC_OPTIONS,
    PERSON,
    REGISTRATION_FIELDS,
    mode_options,
    person_values,
    required,
)
from convene.templating import gettext as _
from convene.web.confirmation import Question, ask_first, is_confirmed
from convene.web.forms import Action, checked, convert, post_form, require, text
from convene.web.rendering import AnyRequest, render, see_other


class RegistrationPages(Controller):
    include_in_schema = False
    guards = [requires_secretariat_or_focal_point]

    @get("/registrations/{registration_id:int}")
    async def registration(self, request: AnyRequest, registration_id: PathId) -> Template:
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
        session = await get_session(row["session"], include_private=True)
        return await render(
            request,
            "web/focal_point/registration.html",
            status_code,
            registration=await registration_view(request.user, registration_id),
            session=session,
            modes=mode_options(session),
            honorifics=HONORIFIC_OPTIONS,
            errors=errors or {},
            values=values or {},
        )

    @post("/registrations/{registration_id:int}")
    async def save_details(
        self, request: AnyRequest, registration_id: PathId
    ) -> Template | Redirect:
        form = await request.form()
        values = person_values(form, DETAILS) | {"is_head": checked(form, "is_head")}
        return await self._change(
            request,
            registration_id,
            "details",
            values,
            "delegate-saved",
            lambda: self._correct(request, registration_id, values),
        )

    async def _correct(
        self, request: AnyRequest, registration_id: int, values: dict[str, Any]
    ) -> None:
        """Correct the person's details (every required field named at once if left empty)."""
        require(values, required())
        given = {k: v for k, v in values.items() if k != "name_order" or v}
        await registrations.update_details(
            request.user, registration_id, convert(given, RegistrationPatch)
        )

    @post("/registrations/{registration_id:int}/mode")
    async def switch_mode(
        self, request: AnyRequest, registration_id: PathId
    ) -> Template | Redirect:
        form = await request.form()
        values = {"mode": text(form, "mode")}
        return await self._change(
            request,
            registration_id,
            "mode",
            values,
            "mode-switched",
            lambda: registrations.switch_mode(
                request.user, registration_id, convert(values, ModeChange).mode
            ),
        )

    @post("/registrations/{registration_id:int}/substitution")
    async def substitute(
        self, request: AnyRequest, registration_id: PathId
    ) -> Template | Redirect:
        form = await request.form()
        values = person_values(form, PERSON)
        return await self._change(
            request,
            registration_id,
            "substitute",
            values,
            "delegate-substituted",
            lambda: self._substitute(request, registration_id, values),
        )

    @post("/registrations/{registration_id:int}/cancellation")
    async def cancel(
        self, request: AnyRequest, registration_id: PathId
    ) -> Template | Redirect:
        form = await request.form()
        if not is_confirmed(form):
            shown = await registration_view(request.user, registration_id)
            name = " ".join(p for p in (shown.honorific, shown.given_name, shown.family_name) if p)
            return await ask_first(
                request,
                form,
                Question(
                    _("Cancel the registration of %(name)s?", name=name),
                    _("The place is given up and may go at once to someone on the waiting list; "
                      "registering the person again puts them at the end of the queue."),
                    _("Yes, cancel the registration"),
                    f"/registrations/{registration_id}",
                ),
            )
        return await self._change(
            request,
            registration_id,
            "cancel",
            {},
            "delegate-cancelled",
            lambda: registrations.cancel(request.user, registration_id),
        )

    @post("/registrations/{registration_id:int}/reopening", guards=[requires_secretariat])
    async def reopen(
        self, request: AnyRequest, registration_id: PathId
    ) -> Template | Redirect:
        return await self._change(
            request,
            registration_id,
            "reopen",
            {},
            "registration-reopened",
            lambda: registrations.reopen(request.user, registration_id),
        )

    async def _substitute(
        self, request: AnyRequest, registration_id: int, values: dict[str, str]
    ) -> None:
        require(values, required())
        person = convert({k: v for k, v in values.items() if v}, PersonIn)
        await registrations.substitute(request.user, registration_id, person)

    async def _change(
        self,
        request: AnyRequest,
        registration_id: int,
        form_name: str,
        values: dict[str, Any],
        notice: str,
        action: Action,
    ) -> Template | Redirect:
        """Make one change to a registration, or show the page again with the refusal."""
        row = await registration_for(request.user, registration_id)
        return await post_form(
            action,
            then=lambda _: see_other(f"/delegations/{row['delegation']}", notice),
            again=lambda failure: self._registration(
                request,
                registration_id,
                failure.status_code,
                {form_name: failure.errors},
                {form_name: values},
            ),
            fields=REGISTRATION_FIELDS,
        )
