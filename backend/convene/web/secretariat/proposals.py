"""The secretariat's proposal desk: register drafts, correct their split text, issue, revise, record
action.

Every change goes to the proposal services; a refusal is shown beside the form
field it names, with what was typed. A proposal's management page shows the
version being prepared (a draft or a revision not issued yet), one row per
paragraph, so the secretariat can correct how pasted text was split.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from litestar import get, post
from litestar.response import Redirect, Template

from convene.agenda.services import get_agenda
from convene.proposals import action, services
from convene.bounds import PathId
from convene.proposals.schemas import ActionIn, IssueIn, ProposalIn, ProposalPatch, TextUpdate
from convene.proposals.views import proposal_out, session_proposals
from convene.proposals.vocabulary import SPONSOR_CATEGORIES, Outcome, ParagraphKind, ProposalKind
from convene.templating import gettext as _
from convene.translation import N_
from convene.web.forms import FormErrors, convert, many, optional, post_form, text
from convene.web.rendering import AnyRequest, render, see_other
from convene.web.secretariat.pages import SecretariatController, every_entity, session_of

CREATE_FIELDS = (
    "kind",
    "title",
    "agenda_item_id",
    "symbol",
    "sponsor_ids",
    "sponsorship_deadline",
    "plain_text",
)
ACTION_FIELDS = ("outcome", "acted_on", "amendments", "adopted_plain_text")
MAX_PARAGRAPHS = 300
KIND_LABELS = {ProposalKind.RESOLUTION: N_("Draft resolution"), ProposalKind.DECISION: N_("Draft decision")}


class ProposalListPages(SecretariatController):
    """A session's proposals, drafts included, and the form that registers a new draft."""

    @get("/sessions/{session_id:int}/proposals")
    async def page(self, request: AnyRequest, session_id: PathId) -> Template:
        return await self._page(request, session_id)

    @post("/sessions/{session_id:int}/proposals")
    async def create(self, request: AnyRequest, session_id: PathId) -> Template | Redirect:
        form = await request.form()
        values: dict[str, Any] = optional(form, *CREATE_FIELDS)
        values["sponsor_ids"] = many(form, "sponsor_ids")

        async def register() -> int:
            data = dict(values)
            if "sponsorship_deadline" in data:
                data["sponsorship_deadline"] = await _venue_moment(
                    session_id, data["sponsorship_deadline"]
                )
            created = await services.create_proposal(
                request.user, session_id, convert(data, ProposalIn)
            )
            return created.id

        return await post_form(
            register,
            then=lambda proposal_id: see_other(
                f"/secretariat/proposals/{proposal_id}", "proposal-created"
            ),
            again=lambda failure: self._page(
                request, session_id, failure.status_code, failure.errors, values
            ),
            fields=CREATE_FIELDS,
        )

    async def _page(
        self,
        request: AnyRequest,
        session_id: int,
        status: int = 200,
        errors: dict[str, str] | None = None,
        values: dict[str, Any] | None = None,
    ) -> Template:
        session = await session_of(session_id)
        agenda = await get_agenda(session_id)
        sponsors = [
            (e.id, e.short_name) for e in await every_entity() if e.category in SPONSOR_CATEGORIES
        ]
        return await render(
            request,
            "web/secretariat/proposals.html",
            status,
            session=session,
            proposals=await session_proposals(request.user, session_id),
            items=[
                (i.id, f"{i.number}. {i.title}")
                for top in agenda.items
                for i in (top, *top.sub_items)
            ],
            sponsors=sponsors,
            kinds=[(k.value, _(KIND_LABELS[k])) for k in ProposalKind],
            errors=errors or {},
            values=values or {},
        )


class ProposalDeskPages(SecretariatController):
    """One proposal's management page and the posts of its forms (scoped: text, issue, deadline,
    action)."""

    @get("/proposals/{proposal_id:int}")
    async def page(self, request: AnyRequest, proposal_id: PathId) -> Template:
        return await self._page(request, proposal_id)

    @post("/proposals/{proposal_id:int}/text")
    async def save_text(self, request: AnyRequest, proposal_id: PathId) -> Template | Redirect:
        form = await request.form()
        pasted = text(form, "plain_text")
        return await self._run(
            request,
            proposal_id,
            "text",
            {"plain_text": pasted},
            lambda: services.set_text(request.user, proposal_id, _text_update(form, pasted)),
            "proposal-text-saved",
        )

    @post("/proposals/{proposal_id:int}/issue")
    async def issue(self, request: AnyRequest, proposal_id: PathId) -> Template | Redirect:
        values = optional(await request.form(), "issued_on")
        return await self._run(
            request,
            proposal_id,
            "issue",
            values,
            lambda: services.issue(request.user, proposal_id, convert(values, IssueIn).issued_on),
            "proposal-issued",
        )

    @post("/proposals/{proposal_id:int}/revisions")
    async def revise(self, request: AnyRequest, proposal_id: PathId) -> Template | Redirect:
        return await self._run(
            request,
            proposal_id,
            "issue",
            {},
            lambda: services.revise(request.user, proposal_id),
            "proposal-revised",
        )

    @post("/proposals/{proposal_id:int}/deadline")
    async def deadline(self, request: AnyRequest, proposal_id: PathId) -> Template | Redirect:
        values = optional(await request.form(), "sponsorship_deadline")

        async def set_deadline() -> Any:
            session_id = (await proposal_out(request.user, proposal_id)).session_id
            moment = (
                await _venue_moment(session_id, values["sponsorship_deadline"]) if values else None
            )
            patch = convert({"sponsorship_deadline": moment}, ProposalPatch)
            return await services.update_proposal(request.user, proposal_id, patch)

        return await self._run(
            request, proposal_id, "deadline", values, set_deadline, "proposal-deadline-set"
        )

    @post("/proposals/{proposal_id:int}/action")
    async def act(self, request: AnyRequest, proposal_id: PathId) -> Template | Redirect:
        values = optional(await request.form(), *ACTION_FIELDS)

        async def record() -> Any:
            data: dict[str, Any] = {k: v for k, v in values.items() if k != "adopted_plain_text"}
            if values.get("adopted_plain_text"):
                adopted = services.given_text(None, values["adopted_plain_text"])
                data["adopted_text"] = adopted
            return await action.record_action(request.user, proposal_id, convert(data, ActionIn))

        return await self._run(request, proposal_id, "action", values, record, "proposal-acted")

    async def _run(
        self,
        request: AnyRequest,
        proposal_id: int,
        scope: str,
        values: dict[str, Any],
        change: Any,
        notice: str,
    ) -> Template | Redirect:
        return await post_form(
            change,
            then=lambda _: see_other(f"/secretariat/proposals/{proposal_id}", notice),
            again=lambda failure: self._page(
                request, proposal_id, failure.status_code, {scope: failure.errors}, {scope: values}
            ),
        )

    async def _page(
        self,
        request: AnyRequest,
        proposal_id: int,
        status: int = 200,
        errors: dict[str, Any] | None = None,
        values: dict[str, Any] | None = None,
    ) -> Template:
        proposal = await proposal_out(request.user, proposal_id)
        session = await session_of(proposal.session_id)
        source = proposal.current.text.source
        return await render(
            request,
            "web/secretariat/proposal.html",
            status,
            session=session,
            proposal=proposal,
            paragraphs=[*source.paragraphs, None],
            kinds=[(k.value, _(k.value.capitalize())) for k in ParagraphKind],
            outcomes=[(o.value, _(o.label)) for o in Outcome],
            errors=errors or {},
            values=values or {},
            preparing=proposal.current.issued_on is None and proposal.action is None,
        )


async def _venue_moment(session_id: int, typed: str) -> str:
    """A deadline typed in the venue's time ("2017-11-08T18:00") as an instant with its offset."""
    session = await session_of(session_id)
    try:
        local = datetime.fromisoformat(typed)
    except ValueError as error:
        raise FormErrors({"sponsorship_deadline": _("Enter a date and time")}) from error
    return local.replace(tzinfo=ZoneInfo(session.timezone)).isoformat()


def _one_line(form: Any, name: str) -> str:
    return " ".join(text(form, name).split())


def _text_update(form: Any, pasted: str) -> TextUpdate:
    """The pasted text if any, else the paragraphs as corrected row by row (empty rows left out)."""
    if pasted:
        return convert({"plain_text": pasted}, TextUpdate)
    paragraphs = []
    for index in range(MAX_PARAGRAPHS):
        prefix = f"text-paragraphs-{index}-"
        if f"{prefix}kind" not in form:
            break
        # A paragraph is one line: the breaks a text box wraps or a person types are spaces.
        opening, rest = _one_line(form, f"{prefix}opening"), _one_line(form, f"{prefix}text")
        subs = [
            line.strip()
            for line in text(form, f"{prefix}sub_paragraphs").splitlines()
            if line.strip()
        ]
        if opening or rest or subs:
            paragraphs.append(
                {
                    "kind": text(form, f"{prefix}kind"),
                    "opening": opening,
                    "text": rest,
                    "sub_paragraphs": subs,
                }
            )
    footnotes = [line.strip() for line in text(form, "text-footnotes").splitlines() if line.strip()]
    structured = {
        "addressee": _one_line(form, "text-addressee"),
        "paragraphs": paragraphs,
        "footnotes": footnotes,
    }
    return convert({"text": structured}, TextUpdate)
