"""HTTP for the list of speakers: the chair's acts (the secretariat's console), delegations'
requests for the floor, the public list and its live stream, speaking times, the record."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, HeaderParameter, JSONBody, QueryParameter
from litestar.response import ServerSentEvent

from convene.accounts.access import can_manage_entity
from convene.accounts.guards import (
    requires_secretariat,
    requires_secretariat_or_focal_point,
    requires_secretariat_or_interpreter,
)
from convene.bounds import PathId
from convene.downloads import CSV, XLSX, download
from convene.errors import NotFound
from convene.live.channels import LiveChannels
from convene.live.controllers import TIMEOUT_HELP
from convene.live.services import LONGEST_STREAM_SECONDS, versioned_events
from convene.settings import Settings
from convene.speakers import delegates, record, services, statements, times
from convene.speakers.schemas import (
    CallIn,
    CallOut,
    ConsoleView,
    FloorRequestIn,
    FloorView,
    InscribeIn,
    ListState,
    MoveIn,
    OpenListIn,
    SittingList,
    SoundCheckIn,
    SpeakingTimesIn,
    SpeakingTimesOut,
    SpokenRow,
    StatementIn,
    StatementOut,
    TimerIn,
    VersionIn,
)
from convene.speakers.sound import set_sound_check
from convene.speakers.state import list_state
from convene.speakers.vocabulary import ListStatus
from convene.spreadsheets import csv_bytes, xlsx_bytes
from convene.translation import gettext

AnyRequest = Request[Any, Any, Any]
AppSettings = NamedDependency[Settings]
STALE = (
    "A chair's act carries the `version` the console shows; on an older version it is refused "
    "with 409, whose body has the list as it now is in `current`."
)
LastEventId = Annotated[
    str | None, HeaderParameter(name="Last-Event-ID", required=False, max_length=20)
]


class SittingSpeakersController(Controller):
    path = "/api/sittings/{sitting_id:int}"
    tags = ["List of speakers"]

    @get("/speaker-lists", summary="The sitting's lists of speakers, in the order of the agenda")
    async def lists(self, sitting_id: PathId) -> list[SittingList]:
        return [
            SittingList(row["id"], row["agenda_item"], f"{row['item_position']}. {row['item_title']}", row["status"])
            for row in await services.sitting_lists(sitting_id)
        ]

    @post(
        "/speaker-lists",
        guards=[requires_secretariat],
        status_code=200,
        summary="Open the list of speakers on an agenda item",
    )
    async def open_list(
        self, request: AnyRequest, sitting_id: PathId, data: JSONBody[OpenListIn]
    ) -> ListState:
        return await services.open_list(request.user, sitting_id, data.agenda_item_id)

    @post(
        "/sound-checks",
        guards=[requires_secretariat],
        status_code=200,
        summary="Mark an online speaker's sound checked for the sitting (ready), or not",
    )
    async def sound_check(
        self, request: AnyRequest, sitting_id: PathId, data: JSONBody[SoundCheckIn]
    ) -> bool:
        return await set_sound_check(request.user, sitting_id, data.registration_id, data.checked)


class SpeakerListController(Controller):
    path = "/api/speaker-lists/{list_id:int}"
    tags = ["List of speakers"]

    @get("/", summary="The list: who has the floor, who waits in order (public)")
    async def get_list(self, list_id: PathId) -> ListState:
        return await list_state(list_id)

    @get(
        "/events",
        summary="Each version of the list, whole, as it happens (public)",
        description=(
            "Server-Sent Events; each message's `id` is the list's version and its data what "
            "changed viewers need: `current` (who has the floor, with the timer), `next` (the "
            "first five waiting), `waiting` (how many), `status`, `at` (when the version was "
            "made). The whole list is `GET /api/speaker-lists/{id}`. A viewer that reconnects with "
            "`Last-Event-ID` is sent every version it missed, in order; without, the current one."
        ),
        media_type="text/event-stream",
        cache=False,
    )
    async def events(
        self,
        list_id: PathId,
        channels: NamedDependency[LiveChannels],
        last_event_id: LastEventId = None,
        timeout: Annotated[
            float, QueryParameter(gt=0, le=LONGEST_STREAM_SECONDS, description=TIMEOUT_HELP)
        ] = LONGEST_STREAM_SECONDS,
    ) -> ServerSentEvent:
        state = await list_state(list_id)
        seen = state.version - 1
        if last_event_id is not None and last_event_id.isdigit():
            seen = min(int(last_event_id), state.version)

        async def since(version: int) -> list[tuple[int, str]]:
            return await services.news_since(list_id, version)

        channel = channels.speakers_channel(list_id)
        return ServerSentEvent(
            versioned_events(channels, channel, seen, since, timeout)
        )

    @get(
        "/statements",
        guards=[requires_secretariat_or_interpreter],
        summary="Written statements not yet delivered, in the order of the list (interpreters)",
    )
    async def statements_ahead(self, list_id: PathId) -> list[StatementOut]:
        return await statements.before_delivery(list_id)

    @get("/console", guards=[requires_secretariat], summary="The chair's console view")
    async def console(self, list_id: PathId) -> ConsoleView:
        return await services.console(list_id)

    @post(
        "/entries",
        guards=[requires_secretariat_or_focal_point],
        status_code=201,
        summary="Ask for the floor for a delegation (a focal point: their own)",
    )
    async def inscribe(
        self, request: AnyRequest, list_id: PathId, data: JSONBody[InscribeIn]
    ) -> ListState:
        entity = await services.delegation_entity(data.delegation_id)
        if not can_manage_entity(request.user, entity):
            raise NotFound(gettext("Delegation not found"))
        return await services.inscribe(request.user, list_id, data)

    @post(
        "/call", guards=[requires_secretariat], status_code=200,
        summary="Call the next speaker who can take the floor (or one entry out of turn)",
        description=STALE,
    )
    async def call(self, request: AnyRequest, list_id: PathId, data: JSONBody[CallIn]) -> CallOut:
        return await services.call(request.user, list_id, data.version, data.entry_id)

    @post(
        "/timer", guards=[requires_secretariat], status_code=200,
        summary="Start or pause the speaker's timer, or stop (the turn ends)",
        description=STALE,
    )
    async def timer(self, request: AnyRequest, list_id: PathId, data: JSONBody[TimerIn]) -> ListState:
        return await services.timer(request.user, list_id, data.version, data.action)

    @post(
        "/skip", guards=[requires_secretariat], status_code=200,
        summary="The speaker called is not there: back to the head of those waiting",
        description=STALE,
    )
    async def skip(self, request: AnyRequest, list_id: PathId, data: JSONBody[VersionIn]) -> ListState:
        return await services.skip(request.user, list_id, data.version)

    @post(
        "/closing", guards=[requires_secretariat], status_code=200,
        summary="Close the list (points of order and rights of reply are still taken)",
        description=STALE,
    )
    async def close(self, request: AnyRequest, list_id: PathId, data: JSONBody[VersionIn]) -> ListState:
        return await services.set_status(request.user, list_id, data.version, ListStatus.CLOSED)

    @post(
        "/reopening", guards=[requires_secretariat], status_code=200,
        summary="Open the list again", description=STALE,
    )
    async def reopen(self, request: AnyRequest, list_id: PathId, data: JSONBody[VersionIn]) -> ListState:
        return await services.set_status(request.user, list_id, data.version, ListStatus.OPEN)

    @post(
        "/entries/{entry_id:int}/position", guards=[requires_secretariat], status_code=200,
        summary="Move a waiting entry (the audit log keeps every move)", description=STALE,
    )
    async def move(
        self, request: AnyRequest, list_id: PathId, entry_id: PathId, data: JSONBody[MoveIn]
    ) -> ListState:
        return await services.move(request.user, list_id, entry_id, data.version, data.position)

    @post(
        "/entries/{entry_id:int}/withdrawal", guards=[requires_secretariat], status_code=200,
        summary="Withdraw a waiting entry", description=STALE,
    )
    async def withdraw(
        self, request: AnyRequest, list_id: PathId, entry_id: PathId, data: JSONBody[VersionIn]
    ) -> ListState:
        return await services.withdraw(request.user, list_id, entry_id, data.version)


class FloorController(Controller):
    """Called by a delegate's page with the token of their personal sitting link."""

    path = "/api/floor/{token:str}"
    tags = ["List of speakers"]
    opt = {"skip_request_log": True}

    @get("/", summary="Your delegation's place on the list of speakers of the sitting")
    async def view(self, token: FromPath[str], settings: AppSettings) -> FloorView:
        return await delegates.floor_view(settings, token)

    @post("/requests", status_code=201, summary="Ask for the floor for your delegation")
    async def ask(
        self, token: FromPath[str], settings: AppSettings, data: JSONBody[FloorRequestIn]
    ) -> ListState:
        return await delegates.ask(settings, token, data)

    @post(
        "/requests/{entry_id:int}/withdrawal", status_code=200, summary="Withdraw your request"
    )
    async def withdraw(self, token: FromPath[str], entry_id: PathId, settings: AppSettings) -> ListState:
        return await delegates.withdraw(settings, token, entry_id)


    @put(
        "/requests/{entry_id:int}/statement",
        summary="Attach your written statement (text) to your request",
    )
    async def attach_statement(
        self, token: FromPath[str], entry_id: PathId, settings: AppSettings, data: JSONBody[StatementIn]
    ) -> StatementOut:
        return await statements.attach(settings, token, entry_id, data.text)


class StatementController(Controller):
    path = "/api/speaker-entries/{entry_id:int}/statement"
    tags = ["List of speakers"]

    @get(
        "/",
        summary="A written statement: public once delivered; before, the secretariat's and "
        "interpreters' only",
    )
    async def statement(self, request: AnyRequest, entry_id: PathId) -> StatementOut:
        return await statements.statement(request.user, entry_id)


class SpeakingTimesController(Controller):
    tags = ["List of speakers"]
    path = "/api"

    @get("/bodies/{code:str}/speaking-times", summary="The body's time limits and precedence")
    async def body_times(self, code: FromPath[str]) -> SpeakingTimesOut:
        return await times.body_times(code)

    @put(
        "/bodies/{code:str}/speaking-times", guards=[requires_secretariat],
        summary="Set the body's time limits and order of precedence",
    )
    async def set_body_times(
        self, request: AnyRequest, code: FromPath[str], data: JSONBody[SpeakingTimesIn]
    ) -> SpeakingTimesOut:
        return await times.set_body_times(request.user, code, data)

    @get("/agenda-items/{item_id:int}/speaking-times", summary="The limits that apply to an item")
    async def item_times(self, item_id: PathId) -> SpeakingTimesOut:
        return await times.item_times(item_id)

    @put(
        "/agenda-items/{item_id:int}/speaking-times", guards=[requires_secretariat],
        summary="Override the body's limits for one agenda item",
    )
    async def set_item_times(
        self, request: AnyRequest, item_id: PathId, data: JSONBody[SpeakingTimesIn]
    ) -> SpeakingTimesOut:
        return await times.set_item_times(request.user, item_id, data)


class SpeakersRecordController(Controller):
    path = "/api/sessions/{session_id:int}/speakers"
    tags = ["List of speakers"]

    @get("/", summary="Who spoke, per item, in which mode, when and for how long (public)")
    async def spoken(self, session_id: PathId) -> list[SpokenRow]:
        return await record.spoken(session_id)

    @get("/report-paragraphs", summary="Per item, the session report's sentence on statements")
    async def paragraphs(self, session_id: PathId) -> dict[str, str]:
        return record.paragraphs(await record.spoken(session_id))

    @get("/record.csv", summary="Who spoke, as CSV", media_type="text/csv")
    async def record_csv(self, session_id: PathId) -> Response[bytes]:
        table = record.spoken_table(await record.spoken(session_id))
        return download(csv_bytes(table), CSV, f"speakers-{session_id}.csv")

    @get("/record.xlsx", summary="Who spoke, as an Excel workbook", media_type=XLSX)
    async def record_xlsx(self, session_id: PathId) -> Response[bytes]:
        table = record.spoken_table(await record.spoken(session_id))
        return download(xlsx_bytes(table, "Speakers"), XLSX, f"speakers-{session_id}.xlsx")
