"""The list of speakers' pages: the chair's console (the secretariat's), the public display for
the room's screen and the webcast, and a delegate's own page reached through their sitting link.

All three listen to the list's stream (``frontend/static/speakers.js``): the display redraws
itself from each version's message, the console and the delegate's page reload their part. The
countdown runs in the browser from the server's timestamps. Every act of the console carries the
version it shows, so a page posted twice, or by two consoles at once, acts once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.errors import RuleViolation
from convene.presence.people import sitting_at
from convene.settings import Settings
from convene.accounts.guards import requires_secretariat_or_interpreter
from convene.meetings.services import get_session
from convene.speakers import delegates, record, services, statements
from convene.speakers.schemas import CallOut, FloorRequestIn, InscribeIn, ListState
from convene.speakers.state import list_state
from convene.speakers.vocabulary import KIND_LABELS, EntryKind, ListStatus
from convene.templating import gettext as _
from convene.web.forms import GENERAL, FormErrors, convert, optional, text
from convene.web.rendering import AnyRequest, render
from convene.web.secretariat.pages import SecretariatController, session_of

AppSettings = NamedDependency[Settings]


def _labels() -> dict[str, str]:
    return {kind.value: _(label) for kind, label in KIND_LABELS.items()}


def _common(state: ListState) -> dict[str, Any]:
    return {
        "state": state,
        "kind_labels": _labels(),
        "server_now": datetime.now(UTC).isoformat(),
    }


class SpeakerConsolePages(SecretariatController):
    @get("/sittings/{sitting_id:int}/speakers")
    async def sitting_lists(self, request: AnyRequest, sitting_id: PathId) -> Template:
        sitting = await sitting_at(sitting_id)
        return await render(
            request,
            "web/speakers/lists.html",
            session=await session_of(sitting.session_id),
            sitting=sitting,
            lists=await services.sitting_lists(sitting_id),
            items=await services.sitting_items(sitting_id),
        )

    @post("/sittings/{sitting_id:int}/speakers")
    async def open_list(self, request: AnyRequest, sitting_id: PathId) -> Redirect:
        form = await request.form()
        item = text(form, "agenda_item_id")
        if not item.isdigit():
            raise FormErrors({"agenda_item_id": _("Choose an agenda item")})
        state = await services.open_list(request.user, sitting_id, int(item))
        return Redirect(f"/secretariat/speakers/{state.list_id}", status_code=303)

    @get("/speakers/{list_id:int}")
    async def console(self, request: AnyRequest, list_id: PathId) -> Template:
        return await self._console(request, list_id)

    async def _console(
        self,
        request: AnyRequest,
        list_id: int,
        status_code: int = 200,
        message: str = "",
        passed_over: list[Any] | None = None,
    ) -> Template:
        view = await services.console(list_id)
        return await render(
            request,
            "web/speakers/console.html",
            status_code,
            session=await session_of(view.state.session_id),
            view=view,
            availability={a.entry_id: a for a in view.availability},
            delegations=await services.session_delegations(view.state.session_id),
            message=message,
            passed_over=passed_over or [],
            **_common(view.state),
        )

    @post("/speakers/{list_id:int}/{act:str}")
    async def act(self, request: AnyRequest, list_id: PathId, act: FromPath[str]) -> Template:
        form = await request.form()
        values = optional(form, "version", "entry_id", "position")
        try:
            passed = await self._act(request, list_id, act, form, values)
        except (RuleViolation, FormErrors) as refused:
            detail = (
                refused.message
                if isinstance(refused, RuleViolation)
                else refused.errors.get(GENERAL, "; ".join(refused.errors.values()))
            )
            return await self._console(request, list_id, getattr(refused, "status_code", 409), detail)
        return await self._console(request, list_id, passed_over=passed)

    async def _act(
        self, request: AnyRequest, list_id: int, act: str, form: Any, values: dict[str, str]
    ) -> list[Any]:
        user = request.user
        version = _number(values, "version")
        entry = values.get("entry_id")
        if act == "call":
            called: CallOut = await services.call(user, list_id, version, int(entry) if entry else None)
            return list(called.passed_over)
        if act in {"start", "pause", "stop"}:
            await services.timer(user, list_id, version, act)
        elif act == "skip":
            await services.skip(user, list_id, version)
        elif act in {"close", "reopen"}:
            status = ListStatus.CLOSED if act == "close" else ListStatus.OPEN
            await services.set_status(user, list_id, version, status)
        elif act == "move":
            await services.move(user, list_id, _number(values, "entry_id"), version, _number(values, "position"))
        elif act == "withdraw":
            await services.withdraw(user, list_id, _number(values, "entry_id"), version)
        elif act == "inscribe":
            fields = optional(form, "delegation_id", "kind", "on_behalf_of")
            await services.inscribe(user, list_id, convert(fields, InscribeIn))
        else:
            raise FormErrors({GENERAL: _("This console has no such button")}, 404)
        return []


def _number(values: dict[str, str], name: str) -> int:
    value = values.get(name, "")
    if not value.isdigit() or not 0 < int(value) < 2**31:
        raise FormErrors({name: _("A whole number is needed here")})
    return int(value)


class SpeakerDisplayPages(Controller):
    """The room's screen and the webcast's: no controls, readable at a distance."""

    include_in_schema = False

    @get("/speakers/{list_id:int}/display")
    async def display(self, request: AnyRequest, list_id: PathId) -> Template:
        state = await list_state(list_id)
        return await render(request, "web/speakers/display.html", **_common(state))


class SpeakerRecordPages(Controller):
    """Who spoke at the session, item by item, and the statements delivered: public."""

    include_in_schema = False

    @get("/sessions/{session_id:int}/speakers")
    async def spoken(self, request: AnyRequest, session_id: PathId) -> Template:
        session = await get_session(session_id, include_private=False)
        rows = await record.spoken(session_id)
        items: dict[str, list[Any]] = {}
        for row in rows:
            items.setdefault(row.agenda_item, []).append(row)
        return await render(
            request,
            "web/speakers/record.html",
            session=session,
            items=items,
            paragraphs=record.paragraphs(rows),
            kind_labels=_labels(),
        )

    @get("/speakers/statements/{entry_id:int}")
    async def statement(self, request: AnyRequest, entry_id: PathId) -> Template:
        shown = await statements.statement(request.user, entry_id)
        return await render(
            request, "web/speakers/statement.html", statement=shown, kind_labels=_labels()
        )


class InterpreterPages(Controller):
    """The interpreters' desk: statements of the speakers to come, before they speak."""

    include_in_schema = False
    guards = [requires_secretariat_or_interpreter]

    @get("/statements")
    async def lists(self, request: AnyRequest) -> Template:
        return await render(request, "web/speakers/statement_lists.html", lists=await services.open_lists())

    @get("/statements/{list_id:int}")
    async def ahead(self, request: AnyRequest, list_id: PathId) -> Template:
        state = await list_state(list_id)
        return await render(
            request,
            "web/speakers/statements.html",
            statements=await statements.before_delivery(list_id),
            **_common(state),
        )


class FloorPages(Controller):
    """A delegate's page of the list, through their personal sitting link (no sign-in)."""

    include_in_schema = False
    opt = {"skip_request_log": True}

    @get("/floor/{token:str}")
    async def floor(self, request: AnyRequest, token: FromPath[str], settings: AppSettings) -> Template:
        return await self._page(request, token, settings)

    async def _page(
        self, request: AnyRequest, token: str, settings: Settings, status_code: int = 200, message: str = ""
    ) -> Template:
        view = await delegates.floor_view(settings, token)
        return await render(
            request,
            "web/speakers/floor.html",
            status_code,
            view=view,
            token=token,
            message=message,
            **_common(view.state),
        )

    @post("/floor/{token:str}/ask")
    async def ask(self, request: AnyRequest, token: FromPath[str], settings: AppSettings) -> Template:
        form = await request.form()
        try:
            data = convert(optional(form, "kind", "on_behalf_of"), FloorRequestIn)
            await delegates.ask(settings, token, data)
        except RuleViolation as refused:
            return await self._page(request, token, settings, refused.status_code, refused.message)
        except FormErrors as refused:
            return await self._page(request, token, settings, 400, "; ".join(refused.errors.values()))
        return await self._page(request, token, settings, message=_("You have asked for the floor."))

    @post("/floor/{token:str}/statement/{entry_id:int}")
    async def attach(
        self, request: AnyRequest, token: FromPath[str], entry_id: PathId, settings: AppSettings
    ) -> Template:
        form = await request.form()
        written = text(form, "statement").strip()
        if not written:
            return await self._page(request, token, settings, 400, _("Paste or type the statement"))
        try:
            await statements.attach(settings, token, entry_id, written)
        except RuleViolation as refused:
            return await self._page(request, token, settings, refused.status_code, refused.message)
        return await self._page(
            request, token, settings, message=_("Your written statement is with the secretariat and the interpreters.")
        )

    @post("/floor/{token:str}/withdraw/{entry_id:int}")
    async def withdraw(
        self, request: AnyRequest, token: FromPath[str], entry_id: PathId, settings: AppSettings
    ) -> Template:
        try:
            await delegates.withdraw(settings, token, entry_id)
        except RuleViolation as refused:
            return await self._page(request, token, settings, refused.status_code, refused.message)
        return await self._page(request, token, settings, message=_("Your request has been withdrawn."))


SpeakerPages = [
    SpeakerConsolePages,
    SpeakerDisplayPages,
    SpeakerRecordPages,
    InterpreterPages,
    FloorPages,
]
