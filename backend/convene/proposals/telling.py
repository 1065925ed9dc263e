"""Telling the audit log what changed: one :class:`ProposalChanged` per change, with the proposal
before and after."""

from __future__ import annotations

from typing import Any

from convene.accounts.access import Actor
from convene.events.bus import publish
from convene.proposals.access import proposal_row
from convene.proposals.events import ProposalChanged
from convene.proposals.views import sponsor_names, version_rows


async def snapshot(proposal_id: int) -> dict[str, Any]:
    """What the audit log keeps of a proposal: its symbol, title, status, sponsors, deadline and
    text."""
    row = await proposal_row(proposal_id)
    latest = (await version_rows(proposal_id))[-1]
    return {
        "symbol": latest["symbol"],
        "title": latest["title"],
        "status": row["status"],
        "agenda_item_id": row["agenda_item"],
        "sponsors": await sponsor_names(proposal_id),
        "sponsorship_deadline": row["sponsorship_deadline"],
        "issued_on": latest["issued_on"],
        "text": latest["text"],
        "outcome": row["outcome"],
        "number": row["adopted_symbol"],
    }


async def tell(actor: Actor, proposal_id: int, action: str, before: dict[str, Any] | None) -> None:
    row = await proposal_row(proposal_id)
    await publish(
        ProposalChanged(
            actor=actor,
            action=action,
            object_id=proposal_id,
            before=before,
            after=await snapshot(proposal_id),
            session_id=row["session"],
        )
    )
