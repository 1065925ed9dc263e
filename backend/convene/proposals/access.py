"""Finding a proposal, and who may read it.

Issued proposals are public (when their session is). A draft not yet issued,
and a revision not yet issued, are seen only by the secretariat and by the
people of the States that sponsor it; to anyone else the draft does not exist
(404), so nobody learns which L numbers are being prepared.
"""

from __future__ import annotations

from typing import Any

from convene.accounts.access import Actor, is_secretariat
from convene.errors import NotFound
from convene.meetings.lookups import session_row
from convene.proposals.tables import Proposal, ProposalVersion, Sponsorship
from convene.translation import gettext


async def proposal_row(proposal_id: int) -> dict[str, Any]:
    """The proposal as stored, or 404: the one place a missing proposal is answered."""
    row = await Proposal.select().where(Proposal.id == proposal_id).first()
    if row is None:
        raise NotFound(gettext("Proposal not found"))
    return row


async def is_sponsor_of(actor: Actor, proposal_id: int) -> bool:
    """Does the actor belong to a State that sponsors the proposal now?"""
    if actor is None or actor.entity is None:
        return False
    return await Sponsorship.exists().where(
        (Sponsorship.proposal == proposal_id)
        & (Sponsorship.entity == actor.entity)
        & Sponsorship.withdrawn_at.is_null()
    )


async def sees_drafts(actor: Actor, proposal_id: int) -> bool:
    """The secretariat and the sponsors read what is not issued yet."""
    return is_secretariat(actor) or await is_sponsor_of(actor, proposal_id)


async def proposal_for(actor: Actor, proposal_id: int) -> dict[str, Any]:
    """The proposal, if ``actor`` may read it; otherwise it does not exist for them."""
    row = await proposal_row(proposal_id)
    await session_row(row["session"], include_drafts=is_secretariat(actor))
    if not (await was_issued(proposal_id) or await sees_drafts(actor, proposal_id)):
        raise NotFound(
            gettext("Proposal not found")
        )  # also one withdrawn before it was ever issued: nobody else saw it
    return row


async def was_issued(proposal_id: int) -> bool:
    return await ProposalVersion.exists().where(
        (ProposalVersion.proposal == proposal_id) & ProposalVersion.issued_on.is_not_null()
    )
