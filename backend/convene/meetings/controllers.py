"""HTTP for bodies, sessions and officers: reading is public, writing is the secretariat's."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, delete, get, patch, post, Response
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from convene.bounds import PathId
from convene.accounts.guards import is_secretariat, requires_secretariat
from convene.api.languages import AllLanguages, wants_all
from convene.api.pagination import ETAG_HEADERS, Page, PageNumber, PerPage, fresh
from convene.meetings import bodies, officers, services
from convene.meetings.schemas import (
    BodyIn,
    BodyOut,
    BodyPatch,
    OfficerIn,
    OfficerOut,
    OfficerPatch,
    SessionFields,
    SessionOut,
    SessionPatch,
)
from convene.meetings.vocabulary import SessionFormat, SessionStatus

AnyRequest = Request[Any, Any, Any]


class BodyController(Controller):
    path = "/api/bodies"
    tags = ["Bodies"]

    @get("/", summary="Bodies that hold sessions")
    async def list_bodies(
        self, request: AnyRequest, languages: AllLanguages = None
    ) -> list[BodyOut]:
        return await bodies.list_bodies(
            all_languages=wants_all(languages), include_private=is_secretariat(request.user)
        )

    @get("/{code:str}", summary="One body")
    async def get_body(
        self, request: AnyRequest, code: FromPath[str], languages: AllLanguages = None
    ) -> BodyOut:
        return await bodies.get_body(
            code, all_languages=wants_all(languages), include_private=is_secretariat(request.user)
        )

    @post("/", guards=[requires_secretariat], summary="Add a body")
    async def create_body(self, request: AnyRequest, data: JSONBody[BodyIn]) -> BodyOut:
        return await bodies.create_body(request.user, data)

    @patch("/{code:str}", guards=[requires_secretariat], summary="Change a body")
    async def update_body(
        self, request: AnyRequest, code: FromPath[str], data: JSONBody[BodyPatch]
    ) -> BodyOut:
        return await bodies.update_body(request.user, code, data)


class SessionController(Controller):
    path = "/api/sessions"
    tags = ["Sessions"]

    @get("/", summary="Sessions, filtered and paginated", response_headers=ETAG_HEADERS)
    async def list_sessions(
        self,
        request: AnyRequest,
        when: Annotated[str | None, QueryParameter(pattern="^(upcoming|past)$")] = None,
        body_code: Annotated[
            str | None, QueryParameter(name="body", description="Body code, e.g. IRG")
        ] = None,
        session_format: Annotated[SessionFormat | None, QueryParameter(name="format")] = None,
        status: FromQuery[SessionStatus | None] = None,
        year: Annotated[int | None, QueryParameter(ge=1945, le=2100)] = None,
        page: PageNumber = 1,
        per_page: PerPage = 50,
        languages: AllLanguages = None,
    ) -> Response[Page[SessionOut]]:
        filters = services.SessionFilters(
            when=when,
            body=body_code,
            format=session_format.value if session_format else None,
            status=status.value if status else None,
            year=year,
        )
        items, total = await services.list_sessions(
            filters,
            page=page,
            per_page=per_page,
            include_drafts=is_secretariat(request.user),
            all_languages=wants_all(languages),
        )
        return fresh(request, Page(items=items, total=total, page=page, per_page=per_page))

    @get("/{session_id:int}", summary="One session")
    async def get_session(
        self, request: AnyRequest, session_id: PathId, languages: AllLanguages = None
    ) -> SessionOut:
        return await services.get_session(
            session_id,
            include_private=is_secretariat(request.user),
            all_languages=wants_all(languages),
        )

    @post("/", guards=[requires_secretariat], summary="Schedule a session")
    async def create_session(
        self, request: AnyRequest, data: JSONBody[SessionFields]
    ) -> SessionOut:
        return await services.create_session(request.user, data)

    @patch("/{session_id:int}", guards=[requires_secretariat], summary="Change a session")
    async def update_session(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[SessionPatch]
    ) -> SessionOut:
        return await services.update_session(request.user, session_id, data)

    @delete("/{session_id:int}", guards=[requires_secretariat], summary="Delete a draft session")
    async def delete_session(self, request: AnyRequest, session_id: PathId) -> None:
        await services.delete_session(request.user, session_id)

    @get("/{session_id:int}/officers", summary="The session's bureau")
    async def list_officers(self, request: AnyRequest, session_id: PathId) -> list[OfficerOut]:
        await services.get_session(session_id, include_private=is_secretariat(request.user))
        return await officers.list_officers(session_id)

    @post("/{session_id:int}/officers", guards=[requires_secretariat], summary="Elect an officer")
    async def add_officer(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[OfficerIn]
    ) -> OfficerOut:
        return await officers.add_officer(request.user, session_id, data)


class OfficerController(Controller):
    path = "/api/officers"
    tags = ["Sessions"]
    guards = [requires_secretariat]

    @patch("/{officer_id:int}", summary="Change an officer")
    async def update_officer(
        self, request: AnyRequest, officer_id: PathId, data: JSONBody[OfficerPatch]
    ) -> OfficerOut:
        return await officers.update_officer(request.user, officer_id, data)

    @delete("/{officer_id:int}", summary="Remove an officer")
    async def remove_officer(self, request: AnyRequest, officer_id: PathId) -> None:
        await officers.remove_officer(request.user, officer_id)
