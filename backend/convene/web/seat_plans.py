"""A delegation's seat plan: who of its in-person delegates the focal point expects at the table,
sitting by sitting. The door does not enforce it (delegations rotate); the secretariat's live
picture shows it beside who is actually inside.
"""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from convene.accounts.guards import is_secretariat, requires_secretariat_or_focal_point
from convene.bounds import PathId
from convene.delegations import delegations
from convene.meetings.services import get_session
from convene.presence import seating
from convene.presence.schemas import SeatPlanIn
from convene.web.forms import many, post_form, whole_numbers
from convene.web.rendering import AnyRequest, render, see_other


class SeatPlanPages(Controller):
    include_in_schema = False
    guards = [requires_secretariat_or_focal_point]

    @get("/delegations/{delegation_id:int}/seat-plan")
    async def seat_plan(self, request: AnyRequest, delegation_id: PathId) -> Template:
        return await self._page(request, delegation_id)

    async def _page(
        self,
        request: AnyRequest,
        delegation_id: int,
        status_code: int = 200,
        errors: dict[str, dict[str, str]] | None = None,
    ) -> Template:
        delegation = await delegations.get_delegation(request.user, delegation_id)
        session = await get_session(
            delegation.session_id, include_private=is_secretariat(request.user)
        )
        return await render(
            request,
            "web/focal_point/seat_plan.html",
            status_code,
            delegation=delegation,
            session=session,
            plans=await seating.seat_plans(request.user, delegation_id),
            errors=errors or {},
        )

    @post("/delegations/{delegation_id:int}/seat-plan/{sitting_id:int}")
    async def save(
        self, request: AnyRequest, delegation_id: PathId, sitting_id: PathId
    ) -> Template | Redirect:
        form = await request.form()
        return await post_form(
            lambda: seating.set_seat_plan(
                request.user,
                sitting_id,
                delegation_id,
                SeatPlanIn(whole_numbers(many(form, "registration_ids"), "registration_ids")),
            ),
            then=lambda _: see_other(f"/delegations/{delegation_id}/seat-plan", "seat-plan-saved"),
            again=lambda failure: self._page(
                request,
                delegation_id,
                failure.status_code,
                {f"sitting-{sitting_id}": failure.errors},
            ),
            fields=("registration_ids",),
        )
