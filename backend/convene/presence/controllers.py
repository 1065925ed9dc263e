"""HTTP for hybrid sittings: the door, seats, the live picture, quorum rules, join links."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, patch, post, put
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, JSONBody, QueryParameter

from convene.accounts.guards import (
    requires_secretariat,
    requires_secretariat_or_focal_point,
    requires_sign_in,
)
from convene.bounds import MAX_ID, PathId
from convene.compression import UNCOMPRESSED
from convene.downloads import CSV, XLSX, download
from convene.presence import attendance, badges, door, imports, online, picture, quorum, seating
from convene.presence.schemas import (
    DelegationSeatsIn,
    HybridSetupIn,
    HybridSetupOut,
    ImportResult,
    JoinLinkOut,
    LivePicture,
    OnlineMark,
    OnlineStatus,
    QuorumRuleIn,
    QuorumRuleOut,
    ReportUpload,
    ScanBatch,
    ScanIn,
    ScanOut,
    SeatPlanIn,
)
from convene.settings import Settings
from convene.spreadsheets import csv_bytes, xlsx_bytes

AnyRequest = Request[Any, Any, Any]
AppSettings = NamedDependency[Settings]
PRIVATE = {"skip_request_log": True}
"""A join link's URL is its credential: keep it out of the logs."""

SCAN_HELP = (
    "Answers 200 with what the door decided (`outcome`: entered, left, already_inside, "
    "not_inside, seats_full, room_full); a refused scan is recorded and says why in `message`, "
    "naming who of the delegation is inside. The same `idempotency_key` again returns the "
    "stored decision (`repeated`: true). Scans made earlier than one already recorded are "
    "decided in the order they were made."
)





class SittingPresenceController(Controller):
    path = "/api/sittings/{sitting_id:int}"
    tags = ["Hybrid sittings"]

    @post(
        "/door/scans",
        guards=[requires_secretariat],
        status_code=200,
        summary="Scan a badge in or out at the door",
        description=SCAN_HELP,
        opt={UNCOMPRESSED: True},  # a few hundred bytes, at the door's rate
    )
    async def scan(
        self, request: AnyRequest, sitting_id: PathId, data: JSONBody[ScanIn]
    ) -> ScanOut:
        return await door.scan(request.user, sitting_id, data)

    @post(
        "/door/scans/batch",
        guards=[requires_secretariat],
        status_code=200,
        summary="Send the scans a door kept while offline, in any order",
        description=SCAN_HELP,
    )
    async def scan_batch(
        self, request: AnyRequest, sitting_id: PathId, data: JSONBody[ScanBatch]
    ) -> list[ScanOut]:
        return await door.scan_many(request.user, sitting_id, data)

    @get(
        "/presence",
        guards=[requires_secretariat],
        summary="The live picture: who is in the room and online, seats free, totals, quorum",
    )
    async def live_picture(self, sitting_id: PathId) -> LivePicture:
        return await picture.live_picture(sitting_id)

    @get(
        "/attendance.csv",
        guards=[requires_secretariat],
        summary="Who attended the sitting and how (registered, not attended included), as CSV",
        media_type="text/csv",
    )
    async def attendance_csv(self, sitting_id: PathId) -> Response[bytes]:
        table = await attendance.sitting_attendance_table(sitting_id)
        return download(
            csv_bytes(table), CSV, f"attendance-sitting-{sitting_id}.csv"
        )

    @get(
        "/attendance.xlsx",
        guards=[requires_secretariat],
        summary="Who attended the sitting and how, as an Excel workbook",
        media_type=XLSX,
    )
    async def attendance_xlsx(self, sitting_id: PathId) -> Response[bytes]:
        table = await attendance.sitting_attendance_table(sitting_id)
        return download(
            xlsx_bytes(table, "Attendance"), XLSX, f"attendance-sitting-{sitting_id}.xlsx"
        )

    @post(
        "/online-report",
        guards=[requires_secretariat],
        status_code=200,
        summary="Import the platform's participant report (Zoom or Teams) after the sitting",
        description=(
            "multipart/form-data with `file` (Zoom's participant report CSV, or Teams' attendance "
            "report) and optionally `timezone` of its times (else the venue's). Lines are matched "
            "by e-mail, then name; `unmatched` lists the others. Importing the same platform's "
            "report again replaces its earlier import."
        ),
    )
    async def import_online_report(
        self,
        request: AnyRequest,
        sitting_id: PathId,
        data: Annotated[ReportUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> ImportResult:
        content = await data.file.read()
        return await imports.import_report(request.user, sitting_id, content, data.timezone)

    @post(
        "/online-presence",
        guards=[requires_secretariat],
        status_code=200,
        summary="Record that someone follows online, or no longer (as the platform's host sees)",
    )
    async def mark_online(
        self, request: AnyRequest, sitting_id: PathId, data: JSONBody[OnlineMark]
    ) -> OnlineStatus:
        return await online.mark_online(request.user, sitting_id, data.registration_id, data.online)

    @put(
        "/delegations/{delegation_id:int}/seat-plan",
        guards=[requires_secretariat_or_focal_point],
        summary="Name who of the delegation is expected at the table at this sitting",
    )
    async def seat_plan(
        self,
        request: AnyRequest,
        sitting_id: PathId,
        delegation_id: PathId,
        data: JSONBody[SeatPlanIn],
    ) -> list[int]:
        return await seating.set_seat_plan(request.user, sitting_id, delegation_id, data)


class BadgeController(Controller):
    path = "/api/sessions/{session_id:int}/badges.pdf"
    tags = ["Hybrid sittings"]

    @get(
        "/",
        guards=[requires_secretariat_or_focal_point],
        summary="Badges to print, with QR codes (one delegation's, or the whole session's)",
        media_type="application/pdf",
    )
    async def badge_sheet(
        self,
        request: AnyRequest,
        session_id: PathId,
        delegation_id: Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)] = None,
    ) -> Response[bytes]:
        content = await badges.badge_sheet(request.user, session_id, delegation_id)
        name = f"badges-{session_id}" + (f"-{delegation_id}" if delegation_id else "") + ".pdf"
        return download(content, "application/pdf", name)


class HybridSetupController(Controller):
    path = "/api/sessions/{session_id:int}/hybrid-setup"
    tags = ["Hybrid sittings"]
    guards = [requires_secretariat]

    @get("/", summary="Seats at the table per delegation, and the webcast (listening) link")
    async def get_setup(self, session_id: PathId) -> HybridSetupOut:
        return await seating.hybrid_setup(session_id)

    @patch("/", summary="Change the seats at the table or the webcast link")
    async def update_setup(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[HybridSetupIn]
    ) -> HybridSetupOut:
        return await seating.update_hybrid_setup(request.user, session_id, data)


class DelegationSeatsController(Controller):
    path = "/api/delegations/{delegation_id:int}/seats"
    tags = ["Hybrid sittings"]
    guards = [requires_secretariat]

    @put("/", summary="Override the delegation's seats at the table (null: the session's)")
    async def set_seats(
        self, request: AnyRequest, delegation_id: PathId, data: JSONBody[DelegationSeatsIn]
    ) -> int:
        return await seating.set_delegation_seats(request.user, delegation_id, data)


class QuorumRuleController(Controller):
    path = "/api/bodies/{code:str}/quorum"
    tags = ["Hybrid sittings"]

    @get("/", guards=[requires_sign_in], summary="The body's quorum fractions")
    async def get_rule(self, code: FromPath[str]) -> QuorumRuleOut:
        return (await quorum.body_rule(code)).out()

    @put("/", guards=[requires_secretariat], summary="Set the body's quorum fractions")
    async def set_rule(
        self, request: AnyRequest, code: FromPath[str], data: JSONBody[QuorumRuleIn]
    ) -> QuorumRuleOut:
        return (await quorum.set_body_rule(request.user, code, data)).out()


class JoinLinkController(Controller):
    path = "/api/registrations/{registration_id:int}/join-links"
    tags = ["Hybrid sittings"]
    guards = [requires_sign_in]

    @get("/", summary="The person's own join link for each sitting", opt=PRIVATE)
    async def join_links(
        self, request: AnyRequest, registration_id: PathId, settings: AppSettings
    ) -> list[JoinLinkOut]:
        return await online.join_links(request.user, registration_id, settings)


class OnlinePresenceController(Controller):
    """Called by the join page with the token of its URL: no account, no cookie needed."""

    path = "/api/join/{token:str}"
    tags = ["Hybrid sittings"]
    opt = PRIVATE

    @post(
        "/",
        status_code=200,
        summary="Join the sitting online; answers the platform's link of your mode",
    )
    async def join(self, token: FromPath[str], settings: AppSettings) -> OnlineStatus:
        return await online.join(settings, token)

    @post("/heartbeat", status_code=200, summary="Still following the sitting")
    async def heartbeat(self, token: FromPath[str], settings: AppSettings) -> OnlineStatus:
        return await online.heartbeat(settings, token)

    @post("/leave", status_code=200, summary="Leave the sitting")
    async def leave(self, token: FromPath[str], settings: AppSettings) -> OnlineStatus:
        return await online.leave(settings, token)
