"""HTTP for proposals: the secretariat prepares, issues and records; focal points sponsor; all read
issued ones."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from convene.accounts.guards import requires_secretariat, requires_secretariat_or_focal_point
from convene.bounds import MAX_ID, PathId
from convene.proposals import action, documents, services, sponsors
from convene.proposals.paste import split_plain_text
from convene.proposals.schemas import (
    ActionIn,
    ChangesOut,
    IssueIn,
    PlainTextIn,
    ProposalIn,
    ProposalOut,
    ProposalPatch,
    SponsorIn,
    TextIn,
    TextUpdate,
)
from convene.proposals.views import proposal_out, session_proposals
from convene.reports.controllers import pdf_response, reports_dir
from convene.settings import Settings

AnyRequest = Request[Any, Any, Any]
AppSettings = NamedDependency[Settings]
PDF = "application/pdf"
Revision = Annotated[
    int | None,
    QueryParameter(
        ge=0, le=MAX_ID, description="0 for the original, 1 for Rev.1 ...; the latest by default"
    ),
]
Marked = Annotated[
    bool, QueryParameter(description="Mark insertions and deletions against the previous version")
]


class SessionProposalController(Controller):
    path = "/api/sessions/{session_id:int}/proposals"
    tags = ["Proposals"]

    @get(
        "/",
        summary="The session's draft resolutions and decisions (drafts: secretariat and sponsors)",
    )
    async def list_proposals(self, request: AnyRequest, session_id: PathId) -> list[ProposalOut]:
        return await session_proposals(request.user, session_id)

    @post("/", guards=[requires_secretariat], summary="Register a draft resolution or decision")
    async def create(
        self, request: AnyRequest, session_id: PathId, data: JSONBody[ProposalIn]
    ) -> ProposalOut:
        return await services.create_proposal(request.user, session_id, data)


class ProposalTextController(Controller):
    path = "/api/proposal-texts"
    tags = ["Proposals"]

    @post(
        "/split",
        guards=[requires_secretariat],
        status_code=200,
        summary="Split pasted plain text into paragraphs, for the secretariat to check",
    )
    async def split(self, data: JSONBody[PlainTextIn]) -> TextIn:
        return split_plain_text(data.plain_text)


class ProposalController(Controller):
    path = "/api/proposals/{proposal_id:int}"
    tags = ["Proposals"]

    @get(
        "/", summary="A proposal: its current version, sponsors line, sponsors, versions and action"
    )
    async def get_proposal(self, request: AnyRequest, proposal_id: PathId) -> ProposalOut:
        return await proposal_out(request.user, proposal_id)

    @patch(
        "/",
        guards=[requires_secretariat],
        summary="Change the title, agenda item or sponsorship deadline",
    )
    async def update(
        self, request: AnyRequest, proposal_id: PathId, data: JSONBody[ProposalPatch]
    ) -> ProposalOut:
        return await services.update_proposal(request.user, proposal_id, data)

    @put(
        "/text",
        guards=[requires_secretariat],
        summary="Replace the text of the version being prepared",
    )
    async def set_text(
        self, request: AnyRequest, proposal_id: PathId, data: JSONBody[TextUpdate]
    ) -> ProposalOut:
        return await services.set_text(request.user, proposal_id, data)

    @post("/issue", guards=[requires_secretariat], summary="Issue the version being prepared")
    async def issue(
        self, request: AnyRequest, proposal_id: PathId, data: JSONBody[IssueIn]
    ) -> ProposalOut:
        return await services.issue(request.user, proposal_id, data.issued_on)

    @post(
        "/revisions",
        guards=[requires_secretariat],
        summary="Start the next revision (Rev.1, Rev.2 ...)",
    )
    async def revise(self, request: AnyRequest, proposal_id: PathId) -> ProposalOut:
        return await services.revise(request.user, proposal_id)

    @get(
        "/changes", summary="What a version changed against the one before, paragraph by paragraph"
    )
    async def changes(
        self, request: AnyRequest, proposal_id: PathId, revision: Revision = None
    ) -> ChangesOut:
        return await documents.changes(request.user, proposal_id, revision)

    @post(
        "/sponsors",
        guards=[requires_secretariat_or_focal_point],
        summary="Sponsor the proposal (a focal point: their State)",
    )
    async def join(
        self, request: AnyRequest, proposal_id: PathId, data: JSONBody[SponsorIn]
    ) -> ProposalOut:
        return await sponsors.join(request.user, proposal_id, data)

    @delete(
        "/sponsors/{entity_id:int}",
        guards=[requires_secretariat_or_focal_point],
        summary="Withdraw a State's sponsorship",
    )
    async def withdraw(self, request: AnyRequest, proposal_id: PathId, entity_id: PathId) -> None:
        await sponsors.withdraw(request.user, proposal_id, entity_id)

    @post(
        "/action",
        guards=[requires_secretariat],
        summary="Record the outcome: adopted, orally amended, withdrawn, not adopted",
    )
    async def act(
        self, request: AnyRequest, proposal_id: PathId, data: JSONBody[ActionIn]
    ) -> ProposalOut:
        return await action.record_action(request.user, proposal_id, data)

    @get(
        "/document.pdf",
        media_type=PDF,
        summary="The L document (a version, with its changes marked or not)",
    )
    async def document(
        self,
        request: AnyRequest,
        proposal_id: PathId,
        settings: AppSettings,
        revision: Revision = None,
        marked: Marked = False,
    ) -> Response[bytes]:
        report = await documents.version_pdf(
            request.user, proposal_id, revision, marked, reports_dir(settings)
        )
        return pdf_response(request, report)

    @get("/adopted.pdf", media_type=PDF, summary="The text as adopted")
    async def adopted(
        self, request: AnyRequest, proposal_id: PathId, settings: AppSettings
    ) -> Response[bytes]:
        return pdf_response(
            request, await documents.adopted_pdf(request.user, proposal_id, reports_dir(settings))
        )
