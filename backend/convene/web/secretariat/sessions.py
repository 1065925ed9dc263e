"""The secretariat's list of sessions and the session form: create, edit, open registration."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import get, post
from litestar.params import FromQuery, QueryParameter
from litestar.response import Redirect, Template

from convene.api.pagination import Page, PageNumber, sort_of
from convene.bounds import PathId
from convene.entities.categories import Category
from convene.meetings import bodies, services
from convene.meetings.schemas import SessionOut, SessionPatch
from convene.meetings.vocabulary import STATUS_TRANSITIONS, SessionStatus
from convene.translation import LANGUAGES
from convene.web import session_forms
from convene.web.formatting import today_in
from convene.web.forms import Action, post_form
from convene.web.rendering import AnyRequest, render, see_other
from convene.web.secretariat.pages import SecretariatController, session_of, sessions_in_hand


PER_PAGE = 50


def status_choices(session: SessionOut | None) -> list[SessionStatus]:
    """The session's status and those it may move to (a new session: draft or scheduled)."""
    if session is None:
        return [SessionStatus.DRAFT, SessionStatus.SCHEDULED]
    current = SessionStatus(session.status)
    return [current, *sorted(STATUS_TRANSITIONS[current], key=lambda s: s.value)]


class SessionPages(SecretariatController):
    @get("/")
    async def home(
        self,
        request: AnyRequest,
        page: PageNumber = 1,
        q: Annotated[str | None, QueryParameter(max_length=100)] = None,
        sort: FromQuery[str | None] = None,
    ) -> Template:
        """Every session, newest first (or oldest first), a page at a time, searchable."""
        order = sort_of(sort, ("start",), "-start")
        items, total = await sessions_in_hand(
            q, page=page, per_page=PER_PAGE, newest_first=order.descending
        )
        return await render(
            request,
            "web/secretariat/home.html",
            sessions=items,
            listed=Page(items, total, page, PER_PAGE),
            sort=order,
            params={"q": q or "", "sort": sort or ""},
        )

    @get("/sessions/new")
    async def new(self, request: AnyRequest) -> Template:
        return await self._form(request, None, session_forms.blank())

    async def _form(
        self,
        request: AnyRequest,
        session: SessionOut | None,
        values: dict[str, Any],
        status: int = 200,
        errors: dict[str, str] | None = None,
    ) -> Template:
        return await render(
            request,
            "web/secretariat/session_form.html",
            status,
            session=session,
            values=values,
            errors=errors or {},
            body_options=[(b.code, b.name) for b in await bodies.list_bodies()],
            statuses=[s.value for s in status_choices(session)],
            timezones=session_forms.TIMEZONES,
            categories=[c.value for c in Category],
            languages=LANGUAGES,
        )

    async def _run(
        self,
        request: AnyRequest,
        session: SessionOut | None,
        values: dict[str, Any],
        action: Action,
        notice: str,
    ) -> Template | Redirect:
        """Make the change and go to the session's page, or show the form again with the refusal.

        ``action`` answers with the session, so a new one's page is known once it is created.
        """
        return await post_form(
            action,
            then=lambda changed: see_other(
                f"/secretariat/sessions/{(session or changed).id}", notice
            ),
            again=lambda failure: self._form(
                request, session, values, failure.status_code, failure.errors
            ),
        )

    @post("/sessions")
    async def create(self, request: AnyRequest) -> Template | Redirect:
        values = session_forms.read(await request.form())
        return await self._run(
            request,
            None,
            values,
            lambda: services.create_session(request.user, session_forms.to_fields(values)),
            "session-created",
        )

    @get("/sessions/{session_id:int}")
    async def overview(self, request: AnyRequest, session_id: PathId) -> Template:
        session = await session_of(session_id)
        return await self._form(request, session, session_forms.values_of(session))

    @post("/sessions/{session_id:int}")
    async def save(self, request: AnyRequest, session_id: PathId) -> Template | Redirect:
        session = await session_of(session_id)
        values = session_forms.read(await request.form())
        return await self._run(
            request,
            session,
            values,
            lambda: services.update_session(
                request.user, session_id, session_forms.to_patch(values)
            ),
            "session-saved",
        )

    @post("/sessions/{session_id:int}/registration-opening")
    async def open_registration(
        self, request: AnyRequest, session_id: PathId
    ) -> Template | Redirect:
        """Schedule the session (if a draft) and open registration from today, venue time."""
        session = await session_of(session_id)
        patch = SessionPatch(
            status=SessionStatus.SCHEDULED, registration_opens=today_in(session.timezone)
        )
        return await self._run(
            request,
            session,
            session_forms.values_of(session),
            lambda: services.update_session(request.user, session_id, patch),
            "registration-opened",
        )
