"""The proposals the access matrix (tests/accounts/test_access_matrix.py) points at.

On the matrix's scheduled session: a draft sponsored by entity A (seen only by
the secretariat and A's people), one issued with a revision and sponsored by
entity B, and one adopted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from convene.db import current_engine
from convene.proposals.schemas import ParagraphIn, TextIn
from convene.proposals.tables import Proposal, ProposalVersion, Sponsorship
from convene.proposals.texts import encode_text
from convene.proposals.vocabulary import ParagraphKind

TEXT = encode_text(TextIn(addressee="The Group,", paragraphs=[
    ParagraphIn(kind=ParagraphKind.OPERATIVE, opening="Urges", text="States parties to act.")]))
REVISED = encode_text(TextIn(addressee="The Group,", paragraphs=[
    ParagraphIn(kind=ParagraphKind.OPERATIVE, opening="Urges", text="States parties to act now.")]))


async def build_proposals(world: Any, _client: Any) -> None:
    session = world.ids["api_session"]
    async with current_engine().transaction():
        draft = await _proposal(session, 1, "draft", world.ids["entity_a"], [(0, None, TEXT)])
        issued = await _proposal(session, 2, "issued", world.ids["entity_b"],
                                 [(0, date(2099, 3, 2), TEXT), (1, date(2099, 3, 3), REVISED)])
        adopted = await _proposal(session, 3, "adopted", world.ids["entity_b"], [(0, date(2099, 3, 2), TEXT)])
        await Proposal.update({Proposal.outcome: "adopted", Proposal.acted_on: date(2099, 3, 4),
                               Proposal.adopted_number: 1, Proposal.adopted_symbol: "resolution 1/1",
                               Proposal.adopted_text: TEXT}).where(Proposal.id == adopted)
    world.ids |= {"matrix_draft": draft, "matrix_issued": issued, "matrix_adopted": adopted}


async def _proposal(session: int, serial: int, status: str, sponsor: int,
                    versions: list[tuple[int, date | None, str]]) -> int:
    proposal = Proposal(session=session, kind="resolution", serial=serial, status=status)
    await proposal.save()
    for revision, issued_on, text in versions:
        symbol = f"CAC/API/2099/1/L.{serial}" + (f"/Rev.{revision}" if revision else "")
        await ProposalVersion(proposal=proposal.id, revision=revision, symbol=symbol, title=f"Matrix {serial}",
                              text=text, issued_on=issued_on, sponsors_line="Matrix: draft resolution",
                              sponsors='["Matrix"]' if issued_on else "").save()
    await Sponsorship(proposal=proposal.id, entity=sponsor, is_main=True).save()
    return int(proposal.id)
