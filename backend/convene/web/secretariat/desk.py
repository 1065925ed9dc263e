"""The secretariat's desk while a session runs: the registration queue and the check-in desk.

The queue decides many registrations at once and shows each one's outcome in its row;
the check-in desk finds attendees as the clerk types and marks them arrived by badge code.
"""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.delegations import check_in, delegations, queue, registrations
from convene.delegations.schemas import AttendeeOut, CheckInIn, DecisionResult, DelegationIn
from convene.delegations.views import registration_views
from convene.errors import NotFound
from convene.templating import gettext as _
from convene.web.forms import FormErrors, convert, many, optional, post_form, text, whole_numbers
from convene.web.rendering import AnyRequest, is_htmx, render, see_other
from convene.web.secretariat.pages import Errors, SecretariatController, every_entity, session_of

FILTERS = ("status", "mode", "entity_id", "q")


def queue_filters(filters: dict[str, str]) -> queue.QueueFilters:
    """The queue's filters as the page keeps them (text, to show again) as the queue takes them."""
    entity = int(filters["entity_id"]) if filters["entity_id"].isdigit() else None
    return queue.QueueFilters(
        filters["status"] or None, filters["mode"] or None, entity, filters["q"] or None
    )


class DeskPages(SecretariatController):
    path = "/secretariat/sessions/{session_id:int}"

    @get("/registrations")
    async def queue_page(
        self,
        request: AnyRequest,
        session_id: PathId,
        status: FromQuery[str | None] = None,
        mode: FromQuery[str | None] = None,
        entity_id: FromQuery[str | None] = None,
        q: FromQuery[str | None] = None,
    ) -> Template:
        filters = {
            "status": status or "",
            "mode": mode or "",
            "entity_id": entity_id or "",
            "q": (q or "")[:100],
        }
        return await self._queue(request, session_id, filters)

    async def _queue(
        self,
        request: AnyRequest,
        session_id: int,
        filters: dict[str, str],
        status_code: int = 200,
        results: dict[int, Any] | None = None,
        errors: Errors | None = None,
    ) -> Template:
        everyone = await queue.queue(session_id, queue.QueueFilters())
        rows = await queue.queue(session_id, queue_filters(filters))
        return await render(
            request,
            "web/secretariat/registrations.html",
            status_code,
            session=await session_of(session_id),
            registrations=await registration_views(request.user, rows),
            filters=filters,
            delegations_seen=sorted(
                {(r["entity_id"], r["entity"]) for r in everyone}, key=lambda e: e[1]
            ),
            entities=[(e.id, e.short_name) for e in await every_entity()],
            delegation_ids={r["entity_id"]: r["delegation"] for r in everyone},
            results=results or {},
            errors=errors or {},
        )

    @post("/registrations/decisions")
    async def decide(self, request: AnyRequest, session_id: PathId) -> Template:
        form = await request.form()
        filters = {name: text(form, name) for name in FILTERS}
        return await post_form(
            lambda: self._decide(request, form),
            then=lambda outcome: self._queue(
                request,
                session_id,
                filters,
                409 if any(result.error for result in outcome) else 200,
                {result.registration_id: result for result in outcome},
            ),
            again=lambda failure: self._queue(
                request,
                session_id,
                filters,
                failure.status_code,
                errors={"decision": failure.errors},
            ),
        )

    async def _decide(self, request: AnyRequest, form: Any) -> list[DecisionResult]:
        """Approve or reject the ticked registrations; each succeeds or fails on its own."""
        decision = text(form, "decision")
        ids = whole_numbers(many(form, "registration_ids"), "registration_ids")
        if not ids:
            raise FormErrors({"registration_ids": _("Select at least one registration")})
        if decision not in {"approve", "reject"}:
            raise FormErrors({"decision": _("Choose to approve or to reject")})
        return await registrations.decide_many(request.user, ids, decision)

    @post("/delegations")
    async def open_delegation(
        self, request: AnyRequest, session_id: PathId
    ) -> Template | Redirect:
        values = optional(await request.form(), "entity_id", "credentials_reference")
        return await post_form(
            lambda: delegations.create_delegation(
                request.user, session_id, convert(values, DelegationIn)
            ),
            then=lambda opened: see_other(f"/delegations/{opened.id}", "delegation-opened"),
            again=lambda failure: self._queue(
                request,
                session_id,
                dict.fromkeys(FILTERS, ""),
                failure.status_code,
                errors={"delegation": failure.errors},
            ),
            fields=("entity_id", "credentials_reference"),
        )

    @get("/check-in")
    async def desk(
        self, request: AnyRequest, session_id: PathId, q: FromQuery[str | None] = None
    ) -> Template:
        return await self._desk(request, session_id, (q or "").strip()[:100])

    async def _desk(
        self,
        request: AnyRequest,
        session_id: int,
        q: str,
        status_code: int = 200,
        arrived: Any = None,
        errors: dict[str, str] | None = None,
        badge: str = "",
    ) -> Template:
        found = await check_in.find_attendees(session_id, q) if q else []
        template = (
            "web/secretariat/_attendees.html"
            if is_htmx(request)
            else "web/secretariat/check_in.html"
        )
        return await render(
            request,
            template,
            status_code,
            session=await session_of(session_id),
            q=q,
            attendees=found,
            arrived=arrived,
            errors=errors or {},
            badge=badge,
        )

    @post("/check-in")
    async def mark_arrived(self, request: AnyRequest, session_id: PathId) -> Template:
        form = await request.form()
        q, badge = text(form, "q"), text(form, "badge_code")
        values = optional(form, "badge_code", "registration_id")
        return await post_form(
            lambda: self._check_in(request, session_id, values),
            then=lambda attendee: self._desk(request, session_id, q, arrived=attendee),
            again=lambda failure: self._desk(
                request, session_id, q, failure.status_code, errors=failure.errors, badge=badge
            ),
            fields=("badge_code",),
        )

    async def _check_in(
        self, request: AnyRequest, session_id: int, values: dict[str, str]
    ) -> AttendeeOut:
        """Mark the person with the badge code arrived; a code no one here has is said so."""
        if not values:
            raise FormErrors({"badge_code": _("Type or scan a badge code")})
        try:
            return await check_in.check_in(request.user, session_id, convert(values, CheckInIn))
        except NotFound as error:
            raise FormErrors(
                {"badge_code": _("No registration of this session has this badge code")}, 404
            ) from error
