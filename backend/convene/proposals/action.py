"""Action on a proposal: adopted (numbered "resolution 7/3"), adopted as orally amended, withdrawn,
not adopted.

Adopted texts are numbered in the order of adoption, per session and kind, after
the session's number: the seventh session's third resolution is "resolution 7/3",
its first decision "decision 7/1". Once acted upon, the proposal is frozen: its
sponsors, text and versions no longer change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from piccolo.query.functions.aggregate import Max

from convene.accounts.access import Actor
from convene.db import locked_transaction
from convene.errors import RuleViolation
from convene.meetings.lookups import session_row
from convene.meetings.tables import SessionPart
from convene.proposals.access import proposal_row
from convene.proposals.rules import check_not_acted_upon, numbering_lock, proposal_lock
from convene.proposals.schemas import ActionIn, ProposalOut
from convene.proposals.tables import Proposal
from convene.proposals.telling import snapshot, tell
from convene.proposals.texts import check_text, encode_text
from convene.proposals.views import proposal_out, version_rows
from convene.proposals.vocabulary import Outcome, ProposalStatus
from convene.translation import gettext


async def record_action(actor: Actor, proposal_id: int, data: ActionIn) -> ProposalOut:
    row = await proposal_row(proposal_id)
    async with locked_transaction(numbering_lock(row["session"]), proposal_lock(proposal_id)):
        row = await proposal_row(proposal_id)
        check_not_acted_upon(row, field="outcome")
        session = await session_row(row["session"])
        _check_date(data, session)
        adopted = data.outcome.status is ProposalStatus.ADOPTED
        values: dict[Any, Any] = {
            Proposal.status: data.outcome.status.value,
            Proposal.outcome: data.outcome.value,
            Proposal.acted_on: data.acted_on,
            Proposal.updated_at: datetime.now(UTC),
        }
        issued_text = "" if data.outcome is Outcome.WITHDRAWN else await _issued_text(proposal_id)
        _check_amendments(data)
        if adopted:
            number = await _next_number(row)
            session_number = await _session_number(row["session"])
            values |= {
                Proposal.adopted_number: number,
                Proposal.adopted_symbol: f"{row['kind']} {session_number}/{number}",
                Proposal.amendments: data.amendments.strip(),
                Proposal.adopted_text: encode_text(data.adopted_text)
                if data.adopted_text
                else issued_text,
            }
        before = await snapshot(proposal_id)
        await Proposal.update(values).where(Proposal.id == proposal_id)
        await tell(actor, proposal_id, f"proposal.{data.outcome.value}", before)
    return await proposal_out(actor, proposal_id)


def _check_date(data: ActionIn, session: dict[str, Any]) -> None:
    """A body acts during its session; sponsors may withdraw a draft before it, never after."""
    if data.acted_on > session["end_date"]:
        raise RuleViolation(
            gettext("The session had ended by then"),
            field="acted_on",
            status_code=422,
        )
    if data.outcome is not Outcome.WITHDRAWN and data.acted_on < session["start_date"]:
        raise RuleViolation(
            gettext("The body acts on proposals during its session"),
            field="acted_on",
            status_code=422,
        )


def _check_amendments(data: ActionIn) -> None:
    """Oral amendments are recorded with the text they produce, and only when there were some."""
    if data.outcome is Outcome.ADOPTED_AS_ORALLY_AMENDED:
        if not data.amendments.strip():
            raise RuleViolation(
                gettext("Record the oral amendments as they were read out"),
                field="amendments",
                status_code=422,
            )
        if data.adopted_text is None:
            raise RuleViolation(
                gettext("Give the text as adopted, with the oral amendments made"),
                field="adopted_text",
                status_code=422,
            )
        check_text(data.adopted_text, "adopted_text")
        return
    if data.amendments.strip() or data.adopted_text is not None:
        raise RuleViolation(
            gettext(
                "Only a proposal adopted as orally amended has amendments and a text of its own"
            ),
            field="amendments",
            status_code=422,
        )


async def _issued_text(proposal_id: int) -> str:
    """The text the body acts on: the latest issued version, with no revision half-prepared."""
    latest = (await version_rows(proposal_id))[-1]
    if latest["issued_on"] is None:
        not_issued = (
            gettext("The draft has not been issued: the body acts on issued documents")
            if latest["revision"] == 0
            else gettext(
                "%(symbol)s has not been issued: the body acts on issued documents",
                symbol=latest["symbol"],
            )
        )
        raise RuleViolation(not_issued, field="outcome")
    return str(latest["text"])


async def _next_number(row: dict[str, Any]) -> int:
    """The next number among the session's adopted texts of the same kind."""
    found = (
        await Proposal.select(Max(Proposal.adopted_number, alias="last"))
        .where((Proposal.session == row["session"]) & (Proposal.kind == row["kind"]))
        .first()
    )
    return ((found or {}).get("last") or 0) + 1


async def _session_number(session_id: int) -> int:
    """The session's number (7 for the seventh session), from the body that holds it (the first, if
    joint)."""
    part = (
        await SessionPart.select(SessionPart.number)
        .where(SessionPart.session == session_id)
        .order_by(SessionPart.position)
        .first()
    )
    if part is None or part["number"] is None:
        raise RuleViolation(
            gettext("The session has no number, so its texts cannot be numbered"), field="outcome"
        )
    return int(part["number"])
