"""The secretariat's pages: sessions, agenda, sittings, officers, registrations, check-in, reports, audit.

Each controller renders one page of a session's management and takes the
posts of that page's forms. Every change goes to a domain service; when the
service refuses, the page is shown again (4xx) with the refusal beside the
field it names, and with what was typed.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from convene.accounts.guards import requires_secretariat
from convene.agenda import services as agenda
from convene.agenda.schemas import AdoptionIn, AgendaItemIn, AgendaItemPatch, DocumentIn
from convene.audit.services import list_entries
from convene.delegations import check_in, delegations, queue, registrations
from convene.delegations.schemas import CheckInIn, DelegationIn
from convene.entities.categories import Category
from convene.entities.services import list_entities
from convene.errors import NotFound, RuleViolation
from convene.meetings import bodies, officers, services
from convene.meetings.schemas import OfficerIn, SessionPatch
from convene.meetings.vocabulary import STATUS_TRANSITIONS, OfficerRole, SessionStatus
from convene.settings import Settings
from convene.sittings import services as sittings
from convene.sittings.schemas import SittingIn, SittingPatch
from convene.templating import gettext as _
from convene.web import session_forms
from convene.web.forms import FormErrors, convert, many, optional, text, whole_numbers
from convene.web.formatting import today_in
from convene.web.rendering import is_htmx, render, see_other
from convene.web.reports_desk import REPORTS, build_report

AnyRequest = Request[Any, Any, Any]
AppSettings = NamedDependency[Settings]
Errors = dict[str, dict[str, str]]


async def _session(session_id: int) -> Any:
    return await services.get_session(session_id, include_private=True)


def _failure(error: RuleViolation | NotFound | FormErrors, fields: tuple[str, ...] = ()) -> FormErrors:
    return error if isinstance(error, FormErrors) else FormErrors.of(error, fields)


# Sessions --------------------------------------------------------------------


class SessionPages(Controller):
    path = "/secretariat"
    include_in_schema = False
    guards = [requires_secretariat]

    @get("/")
    async def home(self, request: AnyRequest) -> Template:
        items, total = await services.list_sessions(
            services.SessionFilters(), page=1, per_page=200, include_drafts=True
        )
        items.sort(key=lambda s: s.start_date, reverse=True)
        return await render(request, "web/secretariat/home.html", sessions=items, total=total)

    @get("/sessions/new")
    async def new(self, request: AnyRequest) -> Template:
        return await self._form(request, None, session_forms.blank())

    async def _form(
        self, request: AnyRequest, session: Any, values: dict[str, Any], status: int = 200, errors: dict[str, str] | None = None
    ) -> Template:
        current = SessionStatus(session.status) if session else None
        statuses = [current, *sorted(STATUS_TRANSITIONS[current], key=lambda s: s.value)] if current else [SessionStatus.DRAFT, SessionStatus.SCHEDULED]
        return await render(
            request,
            "web/secretariat/session_form.html",
            status,
            session=session,
            values=values,
            errors=errors or {},
            body_options=[(b.code, b.name) for b in await bodies.list_bodies()],
            statuses=[s.value for s in statuses],
            timezones=session_forms.TIMEZONES,
            categories=[c.value for c in Category],
        )

    @post("/sessions")
    async def create(self, request: AnyRequest) -> Template | Redirect:
        values = session_forms.read(await request.form())
        try:
            created = await services.create_session(request.user, session_forms.to_fields(values))
        except (FormErrors, RuleViolation) as error:
            failure = _failure(error)
            return await self._form(request, None, values, failure.status_code, failure.errors)
        return see_other(f"/secretariat/sessions/{created.id}", "session-created")

    @get("/sessions/{session_id:int}")
    async def overview(self, request: AnyRequest, session_id: FromPath[int]) -> Template:
        session = await _session(session_id)
        return await self._form(request, session, session_forms.values_of(session))

    @post("/sessions/{session_id:int}")
    async def save(self, request: AnyRequest, session_id: FromPath[int]) -> Template | Redirect:
        session = await _session(session_id)
        values = session_forms.read(await request.form())
        try:
            await services.update_session(request.user, session_id, session_forms.to_patch(values))
        except (FormErrors, RuleViolation) as error:
            failure = _failure(error)
            return await self._form(request, session, values, failure.status_code, failure.errors)
        return see_other(f"/secretariat/sessions/{session_id}", "session-saved")

    @post("/sessions/{session_id:int}/registration-opening")
    async def open_registration(self, request: AnyRequest, session_id: FromPath[int]) -> Template | Redirect:
        """Schedule the session (if a draft) and open registration from today, venue time."""
        session = await _session(session_id)
        patch = SessionPatch(status=SessionStatus.SCHEDULED, registration_opens=today_in(session.timezone))
        try:
            await services.update_session(request.user, session_id, patch)
        except RuleViolation as error:
            failure = FormErrors.of(error, ())
            return await self._form(request, session, session_forms.values_of(session), failure.status_code, failure.errors)
        return see_other(f"/secretariat/sessions/{session_id}", "registration-opened")


# Agenda ----------------------------------------------------------------------


ITEM_FIELDS = ("title", "description", "parent_id", "position")
DOCUMENT_FIELDS = ("symbol", "title", "languages", "link", "agenda_item_id")


class AgendaPages(Controller):
    path = "/secretariat"
    include_in_schema = False
    guards = [requires_secretariat]

    @get("/sessions/{session_id:int}/agenda")
    async def page(self, request: AnyRequest, session_id: FromPath[int]) -> Template:
        return await self._page(request, session_id)

    async def _page(
        self, request: AnyRequest, session_id: int, status: int = 200, errors: Errors | None = None, values: dict[str, Any] | None = None
    ) -> Template:
        return await render(
            request,
            "web/secretariat/agenda.html",
            status,
            session=await _session(session_id),
            agenda=await agenda.get_agenda(session_id),
            errors=errors or {},
            values=values or {},
        )

    async def _run(self, request: AnyRequest, session_id: int, scope: str, values: dict[str, Any], fields: tuple[str, ...], action: Any, notice: str) -> Template | Redirect:
        try:
            await action()
        except (FormErrors, RuleViolation, NotFound) as error:
            failure = _failure(error, fields)
            return await self._page(request, session_id, failure.status_code, {scope: failure.errors}, {scope: values})
        return see_other(f"/secretariat/sessions/{session_id}/agenda", notice)

    @post("/sessions/{session_id:int}/agenda/items")
    async def add_item(self, request: AnyRequest, session_id: FromPath[int]) -> Template | Redirect:
        values = optional(await request.form(), *ITEM_FIELDS)
        return await self._run(request, session_id, "item", values, ITEM_FIELDS,
                               lambda: agenda.add_item(request.user, session_id, convert(values, AgendaItemIn)), "item-added")

    @post("/agenda-items/{item_id:int}")
    async def save_item(self, request: AnyRequest, item_id: FromPath[int]) -> Template | Redirect:
        session_id = await _item_session(item_id)
        form = await request.form()
        values = {"title": text(form, "title"), "description": text(form, "description")}
        return await self._run(request, session_id, f"item-{item_id}", values, ("title", "description"),
                               lambda: agenda.update_item(request.user, item_id, convert(values, AgendaItemPatch)), "item-saved")

    @post("/agenda-items/{item_id:int}/position")
    async def move_item(self, request: AnyRequest, item_id: FromPath[int]) -> Template | Redirect:
        session_id = await _item_session(item_id)
        values = optional(await request.form(), "position")
        return await self._run(request, session_id, f"item-{item_id}", values, ("position",),
                               lambda: agenda.update_item(request.user, item_id, convert(values, AgendaItemPatch)), "item-moved")

    @post("/agenda-items/{item_id:int}/removal")
    async def remove_item(self, request: AnyRequest, item_id: FromPath[int]) -> Template | Redirect:
        session_id = await _item_session(item_id)
        return await self._run(request, session_id, f"item-{item_id}", {}, (),
                               lambda: agenda.delete_item(request.user, item_id), "item-removed")

    @post("/sessions/{session_id:int}/documents")
    async def add_document(self, request: AnyRequest, session_id: FromPath[int]) -> Template | Redirect:
        form = await request.form()
        values: dict[str, Any] = optional(form, "symbol", "title", "link", "agenda_item_id")
        values["languages"] = many(form, "languages") or ["en"]
        return await self._run(request, session_id, "document", values, DOCUMENT_FIELDS,
                               lambda: agenda.add_document(request.user, session_id, convert(values, DocumentIn)), "document-added")

    @post("/documents/{document_id:int}/removal")
    async def remove_document(self, request: AnyRequest, document_id: FromPath[int]) -> Template | Redirect:
        session_id = await _document_session(document_id)
        return await self._run(request, session_id, "document", {}, (),
                               lambda: agenda.delete_document(request.user, document_id), "document-removed")

    @post("/sessions/{session_id:int}/agenda/adoption")
    async def adopt(self, request: AnyRequest, session_id: FromPath[int]) -> Template | Redirect:
        values = optional(await request.form(), "adopted_on")
        return await self._run(request, session_id, "adoption", values, ("adopted_on",),
                               lambda: agenda.adopt_agenda(request.user, session_id, convert(values, AdoptionIn).adopted_on), "agenda-adopted")


async def _item_session(item_id: int) -> int:
    from convene.agenda.tables import AgendaItem

    row = await AgendaItem.select(AgendaItem.session).where(AgendaItem.id == item_id).first()
    if row is None:
        raise NotFound("Agenda item")
    return row["session"]


async def _document_session(document_id: int) -> int:
    from convene.agenda.tables import Document

    row = await Document.select(Document.session).where(Document.id == document_id).first()
    if row is None:
        raise NotFound("Document")
    return row["session"]


# Sittings and officers -------------------------------------------------------


SITTING_FIELDS = ("title", "starts_at", "ends_at", "room", "online_link", "agenda_item_ids")


def _sitting_values(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {name: text(form, name) for name in SITTING_FIELDS[:-1]}
    values["agenda_item_ids"] = whole_numbers(many(form, "agenda_item_ids"), "agenda_item_ids")
    return values


class SittingPages(Controller):
    path = "/secretariat"
    include_in_schema = False
    guards = [requires_secretariat]

    @get("/sessions/{session_id:int}/sittings")
    async def page(self, request: AnyRequest, session_id: FromPath[int]) -> Template:
        return await self._page(request, session_id)

    async def _page(self, request: AnyRequest, session_id: int, status: int = 200, errors: Errors | None = None, values: dict[str, Any] | None = None) -> Template:
        return await render(
            request,
            "web/secretariat/sittings.html",
            status,
            session=await _session(session_id),
            sittings=await sittings.list_sittings(session_id, include_links=True),
            agenda=await agenda.get_agenda(session_id),
            errors=errors or {},
            values=values or {},
        )

    @post("/sessions/{session_id:int}/sittings")
    async def add(self, request: AnyRequest, session_id: FromPath[int]) -> Template | Redirect:
        form = await request.form()
        values = _sitting_values(form)
        try:
            await sittings.create_sitting(session_id, convert({k: v for k, v in values.items() if v != ""}, SittingIn))
        except (FormErrors, RuleViolation) as error:
            failure = _failure(error, SITTING_FIELDS)
            return await self._page(request, session_id, failure.status_code, {"new": failure.errors}, {"new": values})
        return see_other(f"/secretariat/sessions/{session_id}/sittings", "sitting-added")

    @post("/sittings/{sitting_id:int}")
    async def save(self, request: AnyRequest, sitting_id: FromPath[int]) -> Template | Redirect:
        current = await sittings.get_sitting(sitting_id, include_links=True)
        values = _sitting_values(await request.form())
        scope = f"sitting-{sitting_id}"
        try:
            await sittings.update_sitting(sitting_id, convert({k: v for k, v in values.items() if v != ""} | {"online_link": values["online_link"], "room": values["room"]}, SittingPatch))
        except (FormErrors, RuleViolation) as error:
            failure = _failure(error, SITTING_FIELDS)
            return await self._page(request, current.session_id, failure.status_code, {scope: failure.errors}, {scope: values})
        return see_other(f"/secretariat/sessions/{current.session_id}/sittings", "sitting-saved")

    @post("/sittings/{sitting_id:int}/cancellation")
    async def cancel(self, request: AnyRequest, sitting_id: FromPath[int]) -> Template | Redirect:
        current = await sittings.get_sitting(sitting_id, include_links=True)
        try:
            await sittings.cancel_sitting(sitting_id)
        except RuleViolation as error:
            failure = FormErrors.of(error, ())
            return await self._page(request, current.session_id, failure.status_code, {f"sitting-{sitting_id}": failure.errors})
        return see_other(f"/secretariat/sessions/{current.session_id}/sittings", "sitting-cancelled")


OFFICER_FIELDS = ("role", "honorific", "name", "entity_id")


class OfficerPages(Controller):
    path = "/secretariat"
    include_in_schema = False
    guards = [requires_secretariat]

    @get("/sessions/{session_id:int}/officers")
    async def page(self, request: AnyRequest, session_id: FromPath[int]) -> Template:
        return await self._page(request, session_id)

    async def _page(self, request: AnyRequest, session_id: int, status: int = 200, errors: dict[str, str] | None = None, values: dict[str, Any] | None = None) -> Template:
        states, _total = await list_entities(category=None, regional_group=None, search=None, page=1, per_page=10_000)
        return await render(
            request,
            "web/secretariat/officers.html",
            status,
            session=await _session(session_id),
            officers=await officers.list_officers(session_id),
            roles=[(role.value, _(role.label)) for role in OfficerRole],
            states=[(e.id, e.short_name) for e in states if Category(e.category).is_state],
            errors=errors or {},
            values=values or {},
        )

    @post("/sessions/{session_id:int}/officers")
    async def add(self, request: AnyRequest, session_id: FromPath[int]) -> Template | Redirect:
        values = optional(await request.form(), *OFFICER_FIELDS)
        try:
            await officers.add_officer(request.user, session_id, convert(values, OfficerIn))
        except (FormErrors, RuleViolation) as error:
            failure = _failure(error, OFFICER_FIELDS)
            return await self._page(request, session_id, failure.status_code, failure.errors, values)
        return see_other(f"/secretariat/sessions/{session_id}/officers", "officer-added")

    @post("/officers/{officer_id:int}/removal")
    async def remove(self, request: AnyRequest, officer_id: FromPath[int]) -> Redirect:
        from convene.meetings.tables import Officer

        row = await Officer.select(Officer.session).where(Officer.id == officer_id).first()
        if row is None:
            raise NotFound("Officer")
        await officers.remove_officer(request.user, officer_id)
        return see_other(f"/secretariat/sessions/{row['session']}/officers", "officer-removed")


# Registrations and the check-in desk ----------------------------------------


class DeskPages(Controller):
    path = "/secretariat/sessions/{session_id:int}"
    include_in_schema = False
    guards = [requires_secretariat]

    @get("/registrations")
    async def queue_page(
        self,
        request: AnyRequest,
        session_id: FromPath[int],
        status: FromQuery[str | None] = None,
        mode: FromQuery[str | None] = None,
        entity_id: FromQuery[str | None] = None,
        q: FromQuery[str | None] = None,
    ) -> Template:
        filters = {"status": status or "", "mode": mode or "", "entity_id": entity_id or "", "q": (q or "")[:100]}
        return await self._queue(request, session_id, filters)

    async def _queue(self, request: AnyRequest, session_id: int, filters: dict[str, str], status_code: int = 200,
                     results: dict[int, Any] | None = None, errors: Errors | None = None) -> Template:
        everyone = await queue.queue(session_id, queue.QueueFilters())
        entity = int(filters["entity_id"]) if filters["entity_id"].isdigit() else None
        chosen = queue.QueueFilters(filters["status"] or None, filters["mode"] or None, entity, filters["q"] or None)
        rows = await queue.queue(session_id, chosen)
        entities, _total = await list_entities(category=None, regional_group=None, search=None, page=1, per_page=10_000)
        return await render(
            request,
            "web/secretariat/registrations.html",
            status_code,
            session=await _session(session_id),
            registrations=await delegations.registration_views(request.user, rows),
            filters=filters,
            delegations_seen=sorted({(r["entity_id"], r["entity"]) for r in everyone}, key=lambda e: e[1]),
            entities=[(e.id, e.short_name) for e in entities],
            delegation_ids={r["entity_id"]: r["delegation"] for r in everyone},
            results=results or {},
            errors=errors or {},
        )

    @post("/registrations/decisions")
    async def decide(self, request: AnyRequest, session_id: FromPath[int]) -> Template:
        form = await request.form()
        filters = {name: text(form, name) for name in ("status", "mode", "entity_id", "q")}
        decision = text(form, "decision")
        try:
            ids = whole_numbers(many(form, "registration_ids"), "registration_ids")
            if not ids:
                raise FormErrors({"registration_ids": _("Select at least one registration")})
            if decision not in {"approve", "reject"}:
                raise FormErrors({"decision": _("Choose to approve or to reject")})
        except FormErrors as error:
            return await self._queue(request, session_id, filters, 400, errors={"decision": error.errors})
        outcome = await registrations.decide_many(request.user, ids, decision)
        results = {result.registration_id: result for result in outcome}
        failed = any(result.error for result in outcome)
        return await self._queue(request, session_id, filters, 409 if failed else 200, results)

    @post("/delegations")
    async def open_delegation(self, request: AnyRequest, session_id: FromPath[int]) -> Template | Redirect:
        form = await request.form()
        values = optional(form, "entity_id", "credentials_reference")
        try:
            opened = await delegations.create_delegation(request.user, session_id, convert(values, DelegationIn))
        except (FormErrors, RuleViolation) as error:
            failure = _failure(error, ("entity_id", "credentials_reference"))
            empty = dict.fromkeys(("status", "mode", "entity_id", "q"), "")
            return await self._queue(request, session_id, empty, failure.status_code, errors={"delegation": failure.errors})
        return see_other(f"/delegations/{opened.id}", "delegation-opened")

    @get("/check-in")
    async def desk(self, request: AnyRequest, session_id: FromPath[int], q: FromQuery[str | None] = None) -> Template:
        return await self._desk(request, session_id, (q or "").strip()[:100])

    async def _desk(self, request: AnyRequest, session_id: int, q: str, status_code: int = 200,
                    arrived: Any = None, errors: dict[str, str] | None = None, badge: str = "") -> Template:
        found = await check_in.find_attendees(session_id, q) if q else []
        template = "web/secretariat/_attendees.html" if is_htmx(request) else "web/secretariat/check_in.html"
        return await render(request, template, status_code, session=await _session(session_id), q=q,
                            attendees=found, arrived=arrived, errors=errors or {}, badge=badge)

    @post("/check-in")
    async def mark_arrived(self, request: AnyRequest, session_id: FromPath[int]) -> Template:
        form = await request.form()
        q, badge = text(form, "q"), text(form, "badge_code")
        values = optional(form, "badge_code", "registration_id")
        try:
            if not values:
                raise FormErrors({"badge_code": _("Type or scan a badge code")})
            attendee = await check_in.check_in(request.user, session_id, convert(values, CheckInIn))
        except (FormErrors, RuleViolation, NotFound) as error:
            failure = _failure(error, ("badge_code",))
            if isinstance(error, NotFound):
                failure = FormErrors({"badge_code": _("No registration of this session has this badge code")}, 404)
            return await self._desk(request, session_id, q, failure.status_code, errors=failure.errors, badge=badge)
        return await self._desk(request, session_id, q, arrived=attendee)


# Reports and the audit log --------------------------------------------------


class ReportPages(Controller):
    path = "/secretariat/sessions/{session_id:int}/reports"
    include_in_schema = False
    guards = [requires_secretariat]

    @get("/")
    async def page(self, request: AnyRequest, session_id: FromPath[int]) -> Template:
        return await render(request, "web/secretariat/reports.html", session=await _session(session_id),
                            reports=REPORTS, built={}, errors={})

    @post("/{kind:str}")
    async def build(self, request: AnyRequest, session_id: FromPath[int], kind: FromPath[str], settings: AppSettings) -> Template:
        session = await _session(session_id)
        if kind not in REPORTS:
            raise NotFound("Report")
        try:
            built = {kind: await build_report(session, kind, settings)}
            errors: dict[str, str] = {}
        except RuleViolation as error:
            built, errors = {}, {kind: _(error.message)}
        template = "web/secretariat/_report.html" if is_htmx(request) else "web/secretariat/reports.html"
        return await render(request, template, 409 if errors else 200, session=session, reports=REPORTS,
                            built=built, errors=errors, kind=kind, report=REPORTS[kind])


class AuditPages(Controller):
    path = "/secretariat/audit"
    include_in_schema = False
    guards = [requires_secretariat]

    @get("/")
    async def page(self, request: AnyRequest, session: FromQuery[str | None] = None, page: FromQuery[int] = 1) -> Template:
        per_page, page = 50, max(page, 1)
        session_id = int(session) if session and session.isdigit() else None
        entries, total = await list_entries(session_id=session_id, limit=per_page, offset=(page - 1) * per_page)
        sessions, _count = await services.list_sessions(services.SessionFilters(), page=1, per_page=200, include_drafts=True)
        return await render(request, "web/secretariat/audit.html", entries=entries, total=total, page=page,
                            pages=max(1, -(-total // per_page)), session_id=session_id,
                            sessions=[(s.id, s.title) for s in sessions])


SecretariatPages = [SessionPages, AgendaPages, SittingPages, OfficerPages, DeskPages, ReportPages, AuditPages]
