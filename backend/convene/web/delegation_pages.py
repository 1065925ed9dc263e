"""A delegation's page: its credentials, its members, and the form to register one more.

A focal point reaches only their own entity's delegation, and another's answers 404, as
the services decide. The secretariat may use this page too, to register someone on a
State's behalf. Each member's own page is in :mod:`convene.web.registration_pages`.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.accounts.guards import is_secretariat, requires_secretariat_or_focal_point
from convene.delegations import delegations, registrations
from convene.delegations.access import delegation_for
from convene.delegations.schemas import DelegationPatch, RegistrationIn, RegistrationOut
from convene.delegations.views import registration_view
from convene.meetings.services import get_session
from convene.web.focal_point import (
    HONORIFIC_OPTIONS,
    PERSON,
    REGISTRATION_FIELDS,
    mode_options,
    person_values,
    registration_window,
    required,
)
from convene.web.forms import checked, convert, optional, post_form, require, text
from convene.web.rendering import AnyRequest, render, see_other


class DelegationPages(Controller):
    include_in_schema = False
    guards = [requires_secretariat_or_focal_point]

    @get("/delegations/{delegation_id:int}")
    async def delegation(self, request: AnyRequest, delegation_id: PathId) -> Template:
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
        session = await get_session(
            delegation.session_id, include_private=is_secretariat(request.user)
        )
        return await render(
            request,
            "web/focal_point/delegation.html",
            status_code,
            delegation=delegation,
            session=session,
            window=registration_window(session),
            modes=mode_options(session),
            honorifics=HONORIFIC_OPTIONS,
            errors=errors or {},
            values=values or {"mode": mode_options(session)[0][0]},
        )

    @post("/delegations/{delegation_id:int}")
    async def save_delegation(
        self, request: AnyRequest, delegation_id: PathId
    ) -> Template | Redirect:
        reference = optional(await request.form(), "credentials_reference")
        return await post_form(
            lambda: delegations.update_delegation(
                request.user,
                delegation_id,
                convert(reference or {"credentials_reference": ""}, DelegationPatch),
            ),
            then=lambda _: see_other(f"/delegations/{delegation_id}", "delegation-saved"),
            again=lambda failure: self._delegation(
                request, delegation_id, failure.status_code, {"delegation": failure.errors}
            ),
            fields=["credentials_reference"],
        )

    @post("/delegations/{delegation_id:int}/registrations")
    async def register(
        self, request: AnyRequest, delegation_id: PathId
    ) -> Template | Redirect:
        form = await request.form()
        values = person_values(form, PERSON) | {
            "mode": text(form, "mode"),
            "is_head": checked(form, "is_head"),
        }
        row = await delegation_for(request.user, delegation_id)
        return await post_form(
            lambda: self._register(request, row, values),
            then=lambda registered: see_other(
                f"/delegations/{delegation_id}",
                "delegate-waitlisted" if registered.status == "waitlisted" else "delegate-added",
            ),
            again=lambda failure: self._delegation(
                request, delegation_id, failure.status_code, {"register": failure.errors}, values
            ),
            fields=REGISTRATION_FIELDS,
        )

    async def _register(
        self, request: AnyRequest, delegation: dict[str, Any], values: dict[str, Any]
    ) -> RegistrationOut:
        """Register the person typed in (every required field named at once if left empty)."""
        require(values, required())
        data = convert({k: v for k, v in values.items() if v != ""}, RegistrationIn)
        registration_id = await registrations.submit(request.user, delegation, data)
        return await registration_view(request.user, registration_id)
