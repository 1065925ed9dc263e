"""HTTP for live updates: a session's event stream, for the secretariat's queue and desk."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import ServerSentEvent

from convene.bounds import PathId
from convene.accounts.guards import requires_secretariat
from convene.live.channels import LiveChannels
from convene.live.services import LONGEST_STREAM_SECONDS, session_events
from convene.meetings.services import get_session

TIMEOUT_HELP = (
    "Seconds after which the stream closes (at most, and by default, 300); "
    "EventSource reconnects by itself."
)


class SessionEventsController(Controller):
    path = "/api/sessions/{session_id:int}"
    tags = ["Live updates"]

    @get(
        "/events",
        guards=[requires_secretariat],
        summary="The session's registration changes and check-ins, as they happen",
        description=(
            'Server-Sent Events. The first message is `{"kind": "ready"}`: the stream '
            "listens from then on, so reload what you show. Then one message per change, "
            '`{"kind": "registration", "registration_id", "status", "change"}` or '
            '`{"kind": "check_in", "registration_id", "sitting_id"}` or '
            '`{"kind": "presence", "sitting_id", "registration_id", "change"}`; a `keep-alive` '
            "comment every 15 s."
        ),
        media_type="text/event-stream",
        cache=False,
    )
    async def session_events(
        self,
        session_id: PathId,
        channels: NamedDependency[LiveChannels],
        timeout: Annotated[
            float, QueryParameter(gt=0, le=LONGEST_STREAM_SECONDS, description=TIMEOUT_HELP)
        ] = LONGEST_STREAM_SECONDS,
    ) -> ServerSentEvent:
        await get_session(session_id, include_private=True)
        return ServerSentEvent(session_events(channels, session_id, timeout))
