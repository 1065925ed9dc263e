"""The secretariat's desk while a session runs: the registration queue and the check-in desk.

The queue decides many registrations at once, then sends the browser (303) to the queue
naming the kept outcome (``?outcome=``), which shows what became of each registration: done,
unchanged, or refused and why; reloading that page shows it again and decides nothing.
The queue also marks, and can list alone, people registered by more than one delegation.
The check-in desk finds attendees as the clerk types and marks them arrived by badge code.
"""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.delegations import check_in, decisions, delegations, queue
from convene.delegations.schemas import (
    MOST_AT_ONCE,
    AttendeeOut,
    CheckInIn,
    DelegationIn,
    Rejection,
)
from convene.delegations.views import registration_views
from convene.errors import NotFound
from convene.templating import gettext as _
from convene.web.forms import (
    FormErrors,
    checked,
    convert,
    many,
    optional,
    post_form,
    text,
    whole_numbers,
)
from convene.web.rendering import AnyRequest, is_htmx, render, see_other
from convene.web.secretariat.pages import Errors, SecretariatController, every_entity, session_of

FILTERS = ("status", "mode", "entity_id", "q", "conflicts")


def queue_filters(filters: dict[str, str]) -> queue.QueueFilters:
    """The queue's filters as the page keeps them (text, to show again) as the queue takes them."""
    entity = int(filters["entity_id"]) if filters["entity_id"].isdigit() else None
    return queue.QueueFilters(
        filters["status"] or None,
        filters["mode"] or None,
        entity,
        filters["q"] or None,
        checked(filters, "conflicts"),
    )


def outcome_id(value: str | None) -> int | None:
    """The kept outcome a page address names, if it names one that could exist."""
    return int(value) if value and value.isdigit() and len(value) <= 10 else None


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
        conflicts: FromQuery[str | None] = None,
        outcome: FromQuery[str | None] = None,
    ) -> Template:
        filters = {
            "status": status or "",
            "mode": mode or "",
            "entity_id": entity_id or "",
            "q": (q or "")[:100],
            "conflicts": "on" if conflicts == "on" else "",
        }
        bulk_id = outcome_id(outcome)
        decided = None if bulk_id is None else await decisions.kept_outcome(session_id, bulk_id)
        return await self._queue(request, session_id, filters, decided=decided)

    async def _queue(
        self,
        request: AnyRequest,
        session_id: int,
        filters: dict[str, str],
        status_code: int = 200,
        decided: decisions.BulkResult | None = None,
        errors: Errors | None = None,
        reason: str = "",
    ) -> Template:
        everyone = await queue.queue(session_id, queue.QueueFilters())
        rows = await queue.queue(session_id, queue_filters(filters))
        names = {row["id"]: row for row in everyone}
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
            conflicted=len(await queue.conflicts({session_id})),
            decided=decided,
            results={} if decided is None else {r.registration_id: r for r in decided.results},
            refused=[] if decided is None else [
                (names.get(r.registration_id), r) for r in decided.results if r.error
            ],
            errors=errors or {},
            reason=reason,
        )

    @post("/registrations/decisions")
    async def decide(
        self, request: AnyRequest, session_id: PathId
    ) -> Template | Redirect:
        form = await request.form()
        filters = {name: text(form, name) for name in FILTERS}
        return await post_form(
            lambda: self._decide(request, session_id, form),
            then=lambda decided: see_other(
                f"/secretariat/sessions/{session_id}/registrations", outcome=decided.id, **filters
            ),
            again=lambda failure: self._queue(
                request,
                session_id,
                filters,
                failure.status_code,
                errors={"decision": failure.errors},
                reason=text(form, "reason"),
            ),
        )

    async def _decide(
        self, request: AnyRequest, session_id: int, form: Any
    ) -> decisions.BulkResult:
        """Approve or reject the ticked registrations, each on its own; the outcomes are kept."""
        await session_of(session_id)  # 404 for a session that does not exist
        decision = text(form, "decision")
        ids = whole_numbers(many(form, "registration_ids"), "registration_ids")
        reason = text(form, "reason")
        if not ids:
            raise FormErrors({"registration_ids": _("Select at least one registration")})
        if len(set(ids)) > MOST_AT_ONCE:
            raise FormErrors(
                {"registration_ids": _("Select at most %(n)s registrations at once", n=MOST_AT_ONCE)}
            )
        if decision not in decisions.DECISIONS:
            raise FormErrors({"decision": _("Choose to approve or to reject")})
        reason = convert({"reason": reason}, Rejection).reason  # the API's bounds on a reason
        return await decisions.decide_many(request.user, session_id, ids, decision, reason)

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
