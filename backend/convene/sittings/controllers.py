"""HTTP for sittings: public to read (without online links), the secretariat's to change."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, patch, post
from litestar.params import JSONBody

from convene.bounds import PathId
from convene.accounts.guards import is_secretariat, requires_secretariat
from convene.meetings.services import get_session
from convene.sittings import services
from convene.sittings.schemas import SittingIn, SittingOut, SittingPatch


class SessionSittingController(Controller):
    path = "/api/sessions/{session_id:int}/sittings"
    tags = ["Sittings"]

    @get("/", summary="The session's sittings, in order")
    async def list_sittings(
        self, request: Request[Any, Any, Any], session_id: PathId
    ) -> list[SittingOut]:
        secretariat = is_secretariat(request.user)
        await get_session(session_id, include_private=secretariat)
        return await services.list_sittings(session_id, include_links=secretariat)

    @post("/", guards=[requires_secretariat], summary="Schedule a sitting")
    async def create_sitting(
        self, request: Request[Any, Any, Any], session_id: PathId, data: JSONBody[SittingIn]
    ) -> SittingOut:
        return await services.create_sitting(request.user, session_id, data)


class SittingController(Controller):
    path = "/api/sittings"
    tags = ["Sittings"]

    @get("/{sitting_id:int}", summary="One sitting")
    async def get_sitting(
        self, request: Request[Any, Any, Any], sitting_id: PathId
    ) -> SittingOut:
        secretariat = is_secretariat(request.user)
        sitting = await services.get_sitting(sitting_id, include_links=secretariat)
        await get_session(sitting.session_id, include_private=secretariat)
        return sitting

    @patch(
        "/{sitting_id:int}",
        guards=[requires_secretariat],
        summary="Move, re-room or relink a sitting",
    )
    async def update_sitting(
        self,
        request: Request[Any, Any, Any],
        sitting_id: PathId,
        data: JSONBody[SittingPatch],
    ) -> SittingOut:
        return await services.update_sitting(request.user, sitting_id, data)

    @post(
        "/{sitting_id:int}/cancellation", guards=[requires_secretariat], summary="Cancel a sitting"
    )
    async def cancel_sitting(
        self, request: Request[Any, Any, Any], sitting_id: PathId
    ) -> SittingOut:
        return await services.cancel_sitting(request.user, sitting_id)
