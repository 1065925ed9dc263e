"""The personal join page of a sitting: records the join, gives the platform's link, beats.

The address is the person's credential (no sign-in needed, as in an e-mailed link), so its
requests stay out of the request log. The page must stay open while the person follows the
sitting: ``frontend/static/presence.js`` sends its heartbeat and, when the page closes, the leave.
"""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from convene.presence import online
from convene.presence.people import sitting_at
from convene.presence.schemas import OnlineStatus
from convene.settings import Settings
from convene.web.rendering import AnyRequest, render

AppSettings = NamedDependency[Settings]


class JoinPages(Controller):
    include_in_schema = False
    opt = {"skip_request_log": True}

    @get("/join/{token:str}")
    async def join_page(
        self, request: AnyRequest, token: FromPath[str], settings: AppSettings
    ) -> Template:
        return await _page(request, await online.join(settings, token), token)

    @post("/join/{token:str}/leave", status_code=200)
    async def leave(
        self, request: AnyRequest, token: FromPath[str], settings: AppSettings
    ) -> Template:
        """The page's own "Leave" button, for a browser without scripts."""
        return await _page(request, await online.leave(settings, token), token)


async def _page(request: AnyRequest, status: OnlineStatus, token: str) -> Template:
    return await render(
        request,
        "web/delegate/join.html",
        status=status,
        sitting=await sitting_at(status.sitting_id),
        token=token,
    )
