"""Pages of draft resolutions and decisions: a session's list, and one proposal with its text and
changes.

Everyone reads issued proposals; a draft not yet issued is shown only to the
secretariat and to the people of its sponsoring States (others get "Not
found", as from the API). A State's focal point sponsors, or withdraws, from
the proposal's page while the list of sponsors is open.
"""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from convene.accounts.access import is_focal_point_of
from convene.accounts.guards import is_secretariat
from convene.meetings.services import get_session
from convene.proposals import documents, sponsors
from convene.bounds import PathId
from convene.proposals.schemas import ProposalOut, SponsorIn
from convene.proposals.views import proposal_out, session_proposals
from convene.web.access import requires_focal_point
from convene.web.forms import FormErrors, post_form, text
from convene.web.rendering import AnyRequest, render, see_other

SPONSORSHIP = "sponsorship"


class ProposalPages(Controller):
    include_in_schema = False

    @get("/sessions/{session_id:int}/proposals")
    async def session_list(self, request: AnyRequest, session_id: PathId) -> Template:
        session = await get_session(session_id, include_private=is_secretariat(request.user))
        return await render(
            request,
            "web/proposals/list.html",
            session=session,
            proposals=await session_proposals(request.user, session_id),
        )

    @get("/proposals/{proposal_id:int}")
    async def proposal(
        self,
        request: AnyRequest,
        proposal_id: PathId,
        revision: FromQuery[int | None] = None,
    ) -> Template:
        return await self._page(request, proposal_id, revision, FormErrors({}))

    @post("/proposals/{proposal_id:int}/sponsorship", guards=[requires_focal_point])
    async def sponsorship(self, request: AnyRequest, proposal_id: PathId) -> Template | Redirect:
        """Join, or withdraw, on behalf of the focal point's own State."""
        joining = text(await request.form(), "action") != "withdraw"
        entity_id = request.user.entity

        async def change() -> None:
            if joining:
                await sponsors.join(request.user, proposal_id, SponsorIn())
            else:
                await sponsors.withdraw(request.user, proposal_id, entity_id)

        return await post_form(
            change,
            then=lambda _: see_other(
                f"/proposals/{proposal_id}", "sponsor-added" if joining else "sponsor-withdrawn"
            ),
            again=lambda errors: self._page(request, proposal_id, None, errors),
            fields=(SPONSORSHIP,),
        )

    async def _page(
        self, request: AnyRequest, proposal_id: int, revision: int | None, errors: FormErrors
    ) -> Template:
        proposal = await proposal_out(request.user, proposal_id)
        version = await documents.version_view(request.user, proposal_id, revision)
        changes = (
            await documents.changes(request.user, proposal_id, version.revision)
            if version.revision
            else None
        )
        return await render(
            request,
            "web/proposals/proposal.html",
            errors.status_code if errors.errors else 200,
            proposal=proposal,
            version=version,
            changes=changes,
            errors=_on_form(errors),
            own_sponsorship=_own_sponsorship(request, proposal),
        )


def _on_form(errors: FormErrors) -> dict[str, str]:
    """A refusal of the sponsorship form is shown beside its buttons, whatever field it named."""
    return {SPONSORSHIP: message for message in errors.errors.values()}


def _own_sponsorship(request: AnyRequest, proposal: ProposalOut) -> str:
    """For a focal point: "sponsor" (their State sponsors now), "none", or "" (no form for this
    viewer)."""
    user = request.user
    if user is None or not is_focal_point_of(user, user.entity):
        return ""
    active = any(s.entity_id == user.entity and s.withdrawn_at is None for s in proposal.sponsors)
    return "sponsor" if active else "none"
