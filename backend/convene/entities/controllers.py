"""HTTP for the registry of participating entities."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get, patch, post, Response
from litestar.params import FromQuery, JSONBody, QueryParameter

from convene.bounds import PathId
from convene.accounts.guards import requires_secretariat
from convene.api.pagination import ETAG_HEADERS, Page, PageNumber, PerPage, fresh
from convene.entities import services
from convene.entities.categories import Category, RegionalGroup
from convene.entities.schemas import EntityIn, EntityOut, EntityPatch

AnyRequest = Request[Any, Any, Any]


class EntityController(Controller):
    path = "/api/entities"
    tags = ["Participating entities"]

    @get(
        "/",
        summary="States and organizations, in the order UN lists use",
        response_headers=ETAG_HEADERS,
    )
    async def list_entities(
        self,
        request: Request[Any, Any, Any],
        category: FromQuery[Category | None] = None,
        regional_group: FromQuery[RegionalGroup | None] = None,
        search: Annotated[str | None, QueryParameter(name="q", max_length=100)] = None,
        page: PageNumber = 1,
        per_page: PerPage = 50,
    ) -> Response[Page[EntityOut]]:
        items, total = await services.list_entities(
            category=category,
            regional_group=regional_group.value if regional_group else None,
            search=search,
            page=page,
            per_page=per_page,
        )
        return fresh(request, Page(items=items, total=total, page=page, per_page=per_page))

    @get("/{entity_id:int}", summary="One entity")
    async def get_entity(self, entity_id: PathId) -> EntityOut:
        return await services.get_entity(entity_id)

    @post("/", guards=[requires_secretariat], summary="Add an entity")
    async def create_entity(self, request: AnyRequest, data: JSONBody[EntityIn]) -> EntityOut:
        return await services.create_entity(request.user, data)

    @patch("/{entity_id:int}", guards=[requires_secretariat], summary="Change an entity")
    async def update_entity(
        self, request: AnyRequest, entity_id: PathId, data: JSONBody[EntityPatch]
    ) -> EntityOut:
        return await services.update_entity(request.user, entity_id, data)
