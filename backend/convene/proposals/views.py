"""A proposal as a viewer reads it: its current version, sponsors line, sponsors, versions,
action."""

from __future__ import annotations

from typing import Any

import msgspec

from convene.accounts.access import Actor, is_secretariat
from convene.agenda.services import item_numbers
from convene.agenda.tables import Document
from convene.entities.categories import alphabetical_key
from convene.errors import NotFound
from convene.meetings.lookups import session_row
from convene.proposals.access import proposal_for, sees_drafts
from convene.proposals.lines import sponsors_line
from convene.proposals.rules import sponsorship_open
from convene.proposals.schemas import (
    ActionOut,
    ProposalOut,
    SponsorOut,
    TextIn,
    TextOut,
    VersionOut,
    VersionSummary,
)
from convene.proposals.tables import Proposal, ProposalVersion, Sponsorship
from convene.proposals.texts import decode_text, symbols_in, text_out
from convene.proposals.vocabulary import Outcome, ProposalKind


async def proposal_out(actor: Actor, proposal_id: int) -> ProposalOut:
    row = await proposal_for(actor, proposal_id)
    versions = await readable_versions(actor, proposal_id)
    current = versions[-1]
    issued = [version for version in versions if version["issued_on"] is not None]
    sponsors = await sponsor_rows(proposal_id)
    active = [s for s in sponsors if s["withdrawn_at"] is None]
    on_issue = set(_names(issued[-1])) if issued else None
    kind = ProposalKind(row["kind"])
    return ProposalOut(
        id=row["id"],
        session_id=row["session"],
        kind=row["kind"],
        status=row["status"],
        symbol=current["symbol"],
        title=current["title"],
        agenda_item_id=row["agenda_item"],
        agenda_item=await agenda_item_label(row),
        sponsors_line=version_line(current, kind, [s["name"] for s in active]),
        sponsors=[_sponsor_out(s, on_issue) for s in sponsors],
        co_sponsors_after_issue=[
            s["name"] for s in active if on_issue is not None and s["name"] not in on_issue
        ],
        sponsorship_deadline=row["sponsorship_deadline"],
        sponsorship_open=sponsorship_open(row),
        versions=[
            VersionSummary(
                v["revision"],
                v["symbol"],
                v["issued_on"],
                version_line(v, kind, [s["name"] for s in active]),
            )
            for v in versions
        ],
        current=await version_out(current, kind, [s["name"] for s in active]),
        action=await action_out(row),
    )


async def readable_versions(actor: Actor, proposal_id: int) -> list[dict[str, Any]]:
    """The versions the viewer may read, oldest first (an unissued one only for those who see
    drafts)."""
    drafts = await sees_drafts(actor, proposal_id)
    return [
        row for row in await version_rows(proposal_id) if drafts or row["issued_on"] is not None
    ]


async def version_rows(proposal_id: int) -> list[dict[str, Any]]:
    """Every version, oldest first."""
    return (
        await ProposalVersion.select()
        .where(ProposalVersion.proposal == proposal_id)
        .order_by(ProposalVersion.revision)
    )


async def sponsor_rows(proposal_id: int) -> list[dict[str, Any]]:
    """Every sponsorship (withdrawn ones too) with the entity's short name, in alphabetical
    order."""
    rows = await Sponsorship.select(
        *Sponsorship.all_columns(), Sponsorship.entity.short_name.as_alias("name")
    ).where(Sponsorship.proposal == proposal_id)
    return sorted(rows, key=lambda row: alphabetical_key(row["name"]))


async def sponsor_names(proposal_id: int) -> list[str]:
    """The short names of the States sponsoring the proposal now."""
    return [row["name"] for row in await sponsor_rows(proposal_id) if row["withdrawn_at"] is None]


def _names(version: dict[str, Any]) -> list[str]:
    return msgspec.json.decode(version["sponsors"], type=list[str]) if version["sponsors"] else []


def version_line(version: dict[str, Any], kind: ProposalKind, active: list[str]) -> str:
    """An issued version's line as printed; a draft's from today's sponsors."""
    if version["issued_on"] is not None:
        return str(version["sponsors_line"])
    return sponsors_line(active, kind, revised=version["revision"] > 0)


def _sponsor_out(row: dict[str, Any], on_issue: set[str] | None) -> SponsorOut:
    return SponsorOut(
        entity_id=row["entity"],
        name=row["name"],
        main=row["is_main"],
        joined_at=row["joined_at"],
        withdrawn_at=row["withdrawn_at"],
        joined_after_issue=on_issue is not None and row["name"] not in on_issue,
    )


async def version_out(version: dict[str, Any], kind: ProposalKind, active: list[str]) -> VersionOut:
    return VersionOut(
        revision=version["revision"],
        symbol=version["symbol"],
        title=version["title"],
        issued_on=version["issued_on"],
        sponsors_line=version_line(version, kind, active),
        text=await linked_text(decode_text(version["text"])),
    )


async def linked_text(text: TextIn) -> TextOut:
    """The text as printed, each document symbol its footnotes cite linked to the recorded
    document."""
    symbols = symbols_in(text)
    links: dict[str, str] = {}
    if symbols:
        rows = await Document.select(Document.symbol, Document.link).where(
            Document.symbol.is_in(list(symbols))
        )
        links = {row["symbol"]: row["link"] for row in rows if row["link"]}
    return text_out(text, links)


async def agenda_item_label(row: dict[str, Any]) -> str:
    """ "Agenda item 2", "Agenda item 4 (a)"; empty when under no item."""
    if row["agenda_item"] is None:
        return ""
    number = (await item_numbers(row["session"])).get(row["agenda_item"])
    return f"Agenda item {number}" if number else ""


async def action_out(row: dict[str, Any]) -> ActionOut | None:
    if row["outcome"] is None:
        return None
    adopted = row["adopted_text"]
    return ActionOut(
        outcome=row["outcome"],
        label=Outcome(row["outcome"]).label,
        acted_on=row["acted_on"],
        number=row["adopted_symbol"],
        amendments=row["amendments"],
        adopted_text=await linked_text(decode_text(adopted)) if adopted else None,
    )


async def session_proposal_ids(session_id: int) -> list[int]:
    """Every proposal of the session, by L number."""
    rows = (
        await Proposal.select(Proposal.id)
        .where(Proposal.session == session_id)
        .order_by(Proposal.serial)
    )
    return [row["id"] for row in rows]


async def session_proposals(actor: Actor, session_id: int) -> list[ProposalOut]:
    """The session's proposals the viewer may read, by L number."""
    await session_row(session_id, include_drafts=is_secretariat(actor))
    found = []
    for proposal_id in await session_proposal_ids(session_id):
        try:
            found.append(await proposal_out(actor, proposal_id))
        except NotFound:  # a draft the viewer does not sponsor
            continue
    return found
