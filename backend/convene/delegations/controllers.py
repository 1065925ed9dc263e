"""HTTP for delegations, registrations, the secretariat's queue, exports and check-in."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, patch, post
from litestar.params import FromQuery, JSONBody, QueryParameter

from convene.api.pagination import (
    ETAG_HEADERS,
    Page,
    PageNumber,
    PerPage,
    cut,
    fresh,
    sort_of,
    sort_parameter,
)
from convene.bounds import MAX_ID, PathId
from convene.accounts.guards import (
    requires_secretariat,
    requires_secretariat_or_focal_point,
    requires_sign_in,
)
from convene.delegations import check_in, decisions, delegations, queue, registrations
from convene.delegations.access import delegation_for, registration_for
from convene.delegations.schemas import (
    AttendeeOut,
    BulkDecision,
    BulkRejection,
    CheckInIn,
    DecisionResult,
    DelegationIn,
    DelegationOut,
    DelegationPatch,
    EventOut,
    ModeChange,
    PersonIn,
    RegistrationIn,
    RegistrationOut,
    RegistrationPatch,
    Rejection,
)
from convene.delegations.views import (
    my_registrations,
    registration_history,
    registration_view,
    registration_views,
)
from convene.delegations.vocabulary import AttendanceMode, RegistrationStatus
from convene.downloads import CSV, XLSX, download
from convene.entities.categories import Category, RegionalGroup
from convene.meetings.services import get_session

AnyRequest = Request[Any, Any, Any]


class SessionDelegationController(Controller):
    path = "/api/sessions/{session_id:int}"
    tags = ["Delegations"]

    @get(
        "/delegations",
        guards=[requires_secretariat_or_focal_point],
        summary="Delegations, a page at a time (a focal point sees their own)",
        response_headers=ETAG_HEADERS,
    )
    async def list_delegations(
        self,
        request: AnyRequest,
        session_id: PathId,
        search: Annotated[
            str | None, QueryParameter(name="q", max_length=100, description="Part of the name")
        ] = None,
        sort: Annotated[str | None, sort_parameter(*delegations.DELEGATION_SORTS)] = None,
        page: PageNumber = 1,
        per_page: PerPage = 20,
    ) -> Response[Page[DelegationOut]]:
        await get_session(session_id, include_private=True)
        listed = await delegations.list_delegations(
            request.user,
            session_id,
            search=search,
            sort=sort_of(sort, delegations.DELEGATION_SORTS, "entity"),
            page=page,
            per_page=per_page,
        )
        return fresh(request, listed)

    @post("/delegations", guards=[requires_secretariat_or_focal_point], summary="Open a delegation")
    async def create_delegation(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[DelegationIn]
    ) -> DelegationOut:
        return await delegations.create_delegation(request.user, session_id, data)

    @get(
        "/registrations",
        guards=[requires_secretariat],
        summary="The registration queue, filtered, sorted, a page at a time",
        response_headers=ETAG_HEADERS,
    )
    async def registration_queue(
        self,
        request: AnyRequest,
        session_id: PathId,
        status: FromQuery[RegistrationStatus | None] = None,
        mode: FromQuery[AttendanceMode | None] = None,
        entity_id: Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)] = None,
        regional_group: FromQuery[RegionalGroup | None] = None,
        category: FromQuery[Category | None] = None,
        search: Annotated[
            str | None,
            QueryParameter(
                name="q",
                max_length=100,
                description="Words of a name or e-mail address; close misspellings match too",
            ),
        ] = None,
        conflicts: Annotated[
            bool,
            QueryParameter(
                description="Only registrations whose address another delegation registered too"
            ),
        ] = False,
        sort: Annotated[str | None, sort_parameter(*queue.SORTS)] = None,
        page: PageNumber = 1,
        per_page: PerPage = 50,
    ) -> Response[Page[RegistrationOut]]:
        filters = queue.QueueFilters(
            status=status and status.value,
            mode=mode and mode.value,
            entity_id=entity_id,
            regional_group=regional_group and regional_group.value,
            category=category and category.value,
            search=search,
            conflicts=conflicts,
        )
        rows = await queue.queue(session_id, filters, sort_of(sort, queue.SORTS, "list"))
        listed = cut(rows, page, per_page)
        views = await registration_views(request.user, listed.items)
        return fresh(request, Page(views, listed.total, page, per_page))

    @get(
        "/registrations.csv",
        guards=[requires_secretariat],
        media_type=CSV,
        summary="Registrations as CSV",
    )
    async def export_csv(self, session_id: PathId) -> Response[bytes]:
        rows = await queue.queue(session_id, queue.QueueFilters())
        # Litestar adds "; charset=utf-8" to text/ media types itself.
        return download(queue.to_csv(rows), CSV, f"registrations-{session_id}.csv")

    @get(
        "/registrations.xlsx",
        guards=[requires_secretariat],
        media_type=XLSX,
        summary="Registrations as an Excel workbook",
    )
    async def export_xlsx(self, session_id: PathId) -> Response[bytes]:
        rows = await queue.queue(session_id, queue.QueueFilters())
        return download(queue.to_xlsx(rows), XLSX, f"registrations-{session_id}.xlsx")

    @post(
        "/registrations/approval",
        guards=[requires_secretariat],
        status_code=200,
        summary="Approve in bulk: every registration's outcome (done, unchanged, refused and why)",
    )
    async def approve_many(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[BulkDecision]
    ) -> list[DecisionResult]:
        await get_session(session_id, include_private=True)
        decided = await decisions.decide_many(
            request.user, session_id, data.registration_ids, "approve"
        )
        return decided.results

    @post(
        "/registrations/rejection",
        guards=[requires_secretariat],
        status_code=200,
        summary="Reject in bulk: every registration's outcome (done, unchanged, refused and why)",
    )
    async def reject_many(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[BulkRejection]
    ) -> list[DecisionResult]:
        await get_session(session_id, include_private=True)
        decided = await decisions.decide_many(
            request.user, session_id, data.registration_ids, "reject", data.reason
        )
        return decided.results

    @get(
        "/attendees",
        guards=[requires_secretariat],
        summary="Find in-person delegates at the check-in desk",
    )
    async def find_attendees(
        self,
        session_id: PathId,
        search: Annotated[str, QueryParameter(name="q", min_length=1, max_length=100)],
    ) -> list[AttendeeOut]:
        return await check_in.find_attendees(session_id, search)

    @post(
        "/check-ins",
        guards=[requires_secretariat],
        status_code=200,
        summary="Mark a delegate as arrived",
    )
    async def check_in(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[CheckInIn]
    ) -> AttendeeOut:
        return await check_in.check_in(request.user, session_id, data)



class DelegationController(Controller):
    path = "/api/delegations/{delegation_id:int}"
    tags = ["Delegations"]
    guards = [requires_secretariat_or_focal_point]

    @get("/", summary="A delegation, its places and its members")
    async def get_delegation(
        self, request: AnyRequest, delegation_id: PathId
    ) -> DelegationOut:
        return await delegations.get_delegation(request.user, delegation_id)

    @patch("/", summary="Change the note verbale reference, or (secretariat) the quotas")
    async def update_delegation(
        self, request: AnyRequest, delegation_id: PathId, data: JSONBody[DelegationPatch]
    ) -> DelegationOut:
        return await delegations.update_delegation(request.user, delegation_id, data)

    @post("/registrations", summary="Register a member of the delegation")
    async def register(
        self, request: AnyRequest, delegation_id: PathId, data: JSONBody[RegistrationIn]
    ) -> RegistrationOut:
        delegation = await delegation_for(request.user, delegation_id)
        registration_id = await registrations.submit(request.user, delegation, data)
        return await registration_view(request.user, registration_id)


class RegistrationController(Controller):
    path = "/api/registrations/{registration_id:int}"
    tags = ["Registrations"]
    guards = [requires_sign_in]

    @get("/", summary="A registration")
    async def get_registration(
        self, request: AnyRequest, registration_id: PathId
    ) -> RegistrationOut:
        await registration_for(request.user, registration_id, self_service=True)
        return await registration_view(request.user, registration_id)

    @get("/history", summary="Every change to a registration")
    async def history(self, request: AnyRequest, registration_id: PathId) -> list[EventOut]:
        await registration_for(request.user, registration_id, self_service=True)
        return await registration_history(registration_id)

    @patch("/", summary="Change a registration's details")
    async def update(
        self, request: AnyRequest, registration_id: PathId, data: JSONBody[RegistrationPatch]
    ) -> RegistrationOut:
        await registration_for(request.user, registration_id)
        await registrations.update_details(request.user, registration_id, data)
        return await registration_view(request.user, registration_id)

    @post("/mode", status_code=200, summary="Switch attendance mode")
    async def switch_mode(
        self, request: AnyRequest, registration_id: PathId, data: JSONBody[ModeChange]
    ) -> RegistrationOut:
        await registration_for(request.user, registration_id)
        await registrations.switch_mode(request.user, registration_id, data.mode)
        return await registration_view(request.user, registration_id)

    @post("/substitution", status_code=200, summary="Substitute another person for this one")
    async def substitute(
        self, request: AnyRequest, registration_id: PathId, data: JSONBody[PersonIn]
    ) -> RegistrationOut:
        await registration_for(request.user, registration_id)
        await registrations.substitute(request.user, registration_id, data)
        return await registration_view(request.user, registration_id)

    @post("/cancellation", status_code=200, summary="Cancel the registration")
    async def cancel(self, request: AnyRequest, registration_id: PathId) -> RegistrationOut:
        await registration_for(request.user, registration_id, self_service=True)
        await registrations.cancel(request.user, registration_id)
        return await registration_view(request.user, registration_id)

    @post(
        "/approval",
        guards=[requires_secretariat],
        status_code=200,
        summary="Approve (an approved registration stays as it is)",
    )
    async def approve(self, request: AnyRequest, registration_id: PathId) -> RegistrationOut:
        await registrations.approve(request.user, registration_id)
        return await registration_view(request.user, registration_id)

    @post(
        "/rejection",
        guards=[requires_secretariat],
        status_code=200,
        summary="Reject, saying why (a rejected registration stays as it is)",
    )
    async def reject(
        self,
        request: AnyRequest,
        registration_id: PathId,
        data: JSONBody[Rejection | None] = None,
    ) -> RegistrationOut:
        await registrations.reject(request.user, registration_id, data.reason if data else "")
        return await registration_view(request.user, registration_id)


    @post(
        "/reopening",
        guards=[requires_secretariat],
        status_code=200,
        summary="Reopen a rejected registration: it awaits the secretariat's decision again",
    )
    async def reopen(self, request: AnyRequest, registration_id: PathId) -> RegistrationOut:
        await registrations.reopen(request.user, registration_id)
        return await registration_view(request.user, registration_id)


class MyRegistrationsController(Controller):
    path = "/api/me/registrations"
    tags = ["Registrations"]
    guards = [requires_sign_in]

    @get("/", summary="The signed-in person's own registrations")
    async def mine(self, request: AnyRequest) -> list[RegistrationOut]:
        return await my_registrations(request.user)
