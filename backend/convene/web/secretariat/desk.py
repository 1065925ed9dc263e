"""The secretariat's desk while a session runs: the registration queue and the check-in desk.

The queue decides many registrations at once, then sends the browser (303) to the queue
naming the kept outcome (``?outcome=``), which shows what became of each registration: done,
unchanged, or refused and why; reloading that page shows it again and decides nothing.
The queue also marks, and can list alone, people registered by more than one delegation.
The check-in desk finds attendees as the clerk types and marks them arrived by badge code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from litestar import get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from convene.api.pagination import PageNumber, cut, sort_of
from convene.bounds import PathId
from convene.delegations import check_in, decisions, delegations, queue, registrations
from convene.delegations.schemas import (
    MOST_AT_ONCE,
    AttendeeOut,
    CheckInIn,
    DelegationIn,
    Rejection,
)
from convene.delegations.views import registration_views, registrations_by_id
from convene.entities.categories import Category, RegionalGroup
from convene.errors import NotFound
from convene.templating import gettext as _
from convene.translation import ngettext
from convene.web.confirmation import Question, ask_first, is_confirmed
from convene.web.formatting import category_label
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
from convene.web.secretariat.pages import (
    Errors,
    SecretariatController,
    entity_chosen,
    every_entity,
    session_of,
)

FILTERS = ("status", "mode", "regional_group", "category", "delegation", "q", "conflicts", "sort")
"""The queue's filters and order, as its address and its forms carry them."""
PER_PAGE = 50


def queue_filters(filters: dict[str, str]) -> queue.QueueFilters:
    """The queue's filters as the page keeps them (text, to show again) as the queue takes them."""
    return queue.QueueFilters(
        status=filters["status"] or None,
        mode=filters["mode"] or None,
        regional_group=filters["regional_group"] or None,
        category=filters["category"] or None,
        delegation=filters["delegation"] or None,
        search=filters["q"] or None,
        conflicts=checked(filters, "conflicts"),
    )


def filters_of(values: Mapping[str, Any]) -> dict[str, str]:
    """The filters a request or form names, each as text and bounded (unknown ones are empty)."""
    kept = {name: text(values, name)[:100] for name in FILTERS}
    kept["conflicts"] = "on" if kept["conflicts"] == "on" else ""
    return kept


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
        page: PageNumber = 1,
        outcome: FromQuery[str | None] = None,
    ) -> Template:
        filters = filters_of(request.query_params)
        bulk_id = outcome_id(outcome)
        decided = None if bulk_id is None else await decisions.kept_outcome(session_id, bulk_id)
        return await self._queue(request, session_id, filters, page=page, decided=decided)

    async def _queue(
        self,
        request: AnyRequest,
        session_id: int,
        filters: dict[str, str],
        status_code: int = 200,
        decided: decisions.BulkResult | None = None,
        errors: Errors | None = None,
        reason: str = "",
        page: int = 1,
    ) -> Template:
        sort = sort_of(filters["sort"], queue.SORTS, "list")
        rows = await queue.queue(session_id, queue_filters(filters), sort)
        listed = cut(rows, page, PER_PAGE)
        refused = [] if decided is None else [r for r in decided.results if r.error]
        names = await registrations_by_id([r.registration_id for r in refused])
        return await render(
            request,
            "web/secretariat/registrations.html",
            status_code,
            session=await session_of(session_id),
            registrations=await registration_views(request.user, listed.items),
            listed=listed,
            sort=sort,
            filters=filters,
            delegation_names=await delegations.delegation_names(session_id),
            conflicted=len(await queue.conflicts({session_id})),
            decided=decided,
            results={} if decided is None else {r.registration_id: r for r in decided.results},
            refused=[(names.get(r.registration_id), r) for r in refused],
            errors=errors or {},
            reason=reason,
            groups=[(group.value, _(group.label)) for group in RegionalGroup],
            categories=[(category.value, category_label(category.value)) for category in Category],
            entity_names=[entity.short_name for entity in await every_entity()],
        )

    @post("/registrations/decisions")
    async def decide(
        self, request: AnyRequest, session_id: PathId
    ) -> Template | Redirect:
        form = await request.form()
        filters = filters_of(form)
        return await post_form(
            lambda: self._decide(request, session_id, form, filters),
            then=lambda decided: self._decided(session_id, decided, filters),
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
        self, request: AnyRequest, session_id: int, form: Any, filters: dict[str, str]
    ) -> decisions.BulkResult | Template:
        """Approve or reject the ticked registrations, or every one the filters match (found
        again now, not as the page showed them), each on its own; the outcomes are kept.

        A rejection needs a reason, and asks first (it is undone only one by one, by reopening).
        """
        await session_of(session_id)  # 404 for a session that does not exist
        decision = text(form, "decision")
        if text(form, "scope") == "matching":
            rows = await queue.queue(session_id, queue_filters(filters))
            ids = [row["id"] for row in rows]
            if not ids:
                raise FormErrors({"scope": _("No registration matches these filters")})
        else:
            ids = whole_numbers(many(form, "registration_ids"), "registration_ids")
        reason = text(form, "reason")
        if not ids:
            raise FormErrors({"registration_ids": _("Select at least one registration")})
        if len(set(ids)) > MOST_AT_ONCE:
            raise FormErrors(
                {
                    "scope": _(
                        "%(count)s registrations match: decide at most %(n)s at once "
                        "(narrow the filters, e.g. to one regional group)",
                        count=len(set(ids)),
                        n=MOST_AT_ONCE,
                    )
                }
            )
        if decision not in decisions.DECISIONS:
            raise FormErrors({"decision": _("Choose to approve or to reject")})
        reason = convert({"reason": reason}, Rejection).reason  # the API's bounds on a reason
        if decision == "reject":
            registrations.check_reason(reason)
            if not is_confirmed(form):
                return await self._ask_rejection(
                    request, session_id, form, len(set(ids)), reason, filters
                )
        return await decisions.decide_many(request.user, session_id, ids, decision, reason)

    def _decided(
        self, session_id: int, decided: decisions.BulkResult | Template, filters: dict[str, str]
    ) -> Template | Redirect:
        """To the queue showing the kept outcome (post/redirect/get), or the question first."""
        if isinstance(decided, Template):
            return decided
        path = f"/secretariat/sessions/{session_id}/registrations"
        return see_other(path, outcome=decided.id, **filters)

    async def _ask_rejection(
        self,
        request: AnyRequest,
        session_id: int,
        form: Any,
        count: int,
        reason: str,
        filters: dict[str, str],
    ) -> Template:
        back = f"/secretariat/sessions/{session_id}/registrations"
        query = urlencode({key: value for key, value in filters.items() if value})
        return await ask_first(
            request,
            form,
            Question(
                ngettext("Reject %(num)s registration?", "Reject %(num)s registrations?", count),
                _(
                    "Their focal points will read the reason: %(reason)s. A rejected "
                    "registration can be reopened one by one from its page.",
                    reason=reason,
                ),
                _("Yes, reject them"),
                f"{back}?{query}" if query else back,
            ),
        )

    @post("/delegations")
    async def open_delegation(
        self, request: AnyRequest, session_id: PathId
    ) -> Template | Redirect:
        values = optional(await request.form(), "entity_id", "credentials_reference")
        return await post_form(
            lambda: self._open(request, session_id, values),
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

    async def _open(self, request: AnyRequest, session_id: int, values: dict[str, str]) -> Any:
        """Open the delegation of the entity named (as typed, from the list of entities)."""
        data = convert(await entity_chosen(values), DelegationIn)
        return await delegations.create_delegation(request.user, session_id, data)

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
        fragment = is_htmx(request)
        template = "web/secretariat/_attendees.html" if fragment else "web/secretariat/check_in.html"
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
            fragment=fragment,
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
        unknown = FormErrors(
            {
                "badge_code": _(
                    "No one at this session has the badge code “%(code)s”: scan it again, "
                    "or find the person by name",
                    code=values.get("badge_code", "")[:40],
                )
            },
            404,
        )
        try:
            data = convert(values, CheckInIn)
        except FormErrors as error:  # not even a badge code's form: say so plainly
            raise unknown if "badge_code" in error.errors else error
        try:
            return await check_in.check_in(request.user, session_id, data)
        except NotFound as error:
            raise unknown from error
