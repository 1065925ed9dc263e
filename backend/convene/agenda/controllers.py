"""HTTP for agendas and documents: public to read, the secretariat's to change."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.params import JSONBody

from convene.api.languages import AllLanguages, wants_all
from convene.bounds import PathId
from convene.accounts.guards import is_secretariat, requires_secretariat
from convene.agenda import services
from convene.agenda.schemas import (
    AdoptionIn,
    AgendaItemIn,
    AgendaItemPatch,
    AgendaOut,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
)
from convene.meetings.services import get_session

AnyRequest = Request[Any, Any, Any]


class SessionAgendaController(Controller):
    path = "/api/sessions/{session_id:int}"
    tags = ["Agenda"]

    @get("/agenda", summary="The agenda with its items, sub-items and documents")
    async def get_agenda(
        self, request: Request[Any, Any, Any], session_id: PathId, languages: AllLanguages = None
    ) -> AgendaOut:
        secretariat = is_secretariat(request.user)
        await get_session(session_id, include_private=secretariat)
        return await services.get_agenda(
            session_id, all_languages=wants_all(languages), include_private=secretariat
        )

    @post("/agenda/items", guards=[requires_secretariat], summary="Add an item or sub-item")
    async def add_item(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[AgendaItemIn]
    ) -> AgendaOut:
        return await services.add_item(request.user, session_id, data)

    @post("/agenda/adoption", guards=[requires_secretariat], summary="Record the agenda's adoption")
    async def adopt(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[AdoptionIn]
    ) -> AgendaOut:
        return await services.adopt_agenda(request.user, session_id, data.adopted_on)

    @post("/documents", guards=[requires_secretariat], summary="Add a document")
    async def add_document(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[DocumentIn]
    ) -> DocumentOut:
        return await services.add_document(request.user, session_id, data)


class AgendaItemController(Controller):
    path = "/api/agenda-items"
    tags = ["Agenda"]
    guards = [requires_secretariat]

    @patch("/{item_id:int}", summary="Rename, move or reorder an item")
    async def update_item(
        self, request: AnyRequest, item_id: PathId, data: JSONBody[AgendaItemPatch]
    ) -> AgendaOut:
        return await services.update_item(request.user, item_id, data)

    @delete("/{item_id:int}", status_code=200, summary="Remove an item and renumber the rest")
    async def delete_item(self, request: AnyRequest, item_id: PathId) -> AgendaOut:
        return await services.delete_item(request.user, item_id)


class DocumentController(Controller):
    path = "/api/documents"
    tags = ["Agenda"]
    guards = [requires_secretariat]

    @patch("/{document_id:int}", summary="Change a document")
    async def update_document(
        self, request: AnyRequest, document_id: PathId, data: JSONBody[DocumentPatch]
    ) -> DocumentOut:
        return await services.update_document(request.user, document_id, data)

    @delete("/{document_id:int}", summary="Remove a document")
    async def delete_document(self, request: AnyRequest, document_id: PathId) -> None:
        await services.delete_document(request.user, document_id)
