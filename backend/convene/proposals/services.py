"""Proposal rules: L numbers, the draft's text, issuing a version, revising it.

Each change runs in one transaction holding the proposal's lock (and, when it
takes a number, the session's), checks its rules, writes and publishes a
:class:`ProposalChanged` for the audit log. Sponsorship lives in
:mod:`convene.proposals.sponsors`, action on the proposal in :mod:`convene.proposals.action`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import msgspec

from convene.accounts.access import Actor
from convene.agenda.tables import AgendaItem, Document
from convene.api.patches import given_fields
from convene.db import locked_transaction
from convene.errors import RuleViolation
from convene.meetings.lookups import session_row
from convene.proposals.access import proposal_row
from convene.proposals.lines import sponsors_line
from convene.proposals.paste import split_plain_text
from convene.proposals.rules import check_not_acted_upon, numbering_lock, proposal_lock
from convene.proposals.schemas import ProposalIn, ProposalOut, ProposalPatch, TextIn, TextUpdate
from convene.proposals.sponsors import add_main_sponsors
from convene.proposals.symbols import l_symbol, next_free, serial_of
from convene.proposals.tables import Proposal, ProposalVersion
from convene.proposals.telling import snapshot, tell
from convene.proposals.texts import check_text, decode_text, encode_text
from convene.proposals.views import proposal_out, sponsor_names, version_rows
from convene.proposals.vocabulary import ProposalKind, ProposalStatus
from convene.reports.texts import long_date
from convene.translation import gettext

# Creating --------------------------------------------------------------------


async def create_proposal(actor: Actor, session_id: int, data: ProposalIn) -> ProposalOut:
    text = given_text(data.text, data.plain_text)
    async with locked_transaction(numbering_lock(session_id)):
        session = await session_row(session_id)
        await check_agenda_item(session_id, data.agenda_item_id)
        serial = await _serial(session_id, session["symbol_prefix"], data.symbol)
        proposal = Proposal(
            session=session_id,
            agenda_item=data.agenda_item_id,
            kind=data.kind.value,
            serial=serial,
            status=ProposalStatus.DRAFT.value,
            sponsorship_deadline=data.sponsorship_deadline,
        )
        await proposal.save()
        version = ProposalVersion(
            proposal=proposal.id,
            revision=0,
            symbol=l_symbol(session["symbol_prefix"], serial),
            title=data.title,
            text=encode_text(text),
        )
        await version.save()
        await add_main_sponsors(actor, proposal.id, data.sponsor_ids)
        await tell(actor, proposal.id, "proposal.created", None)
    return await proposal_out(actor, proposal.id)


def given_text(structured: TextIn | None, plain_text: str) -> TextIn:
    """The text as given, structured or pasted (split into paragraphs); both at once is
    ambiguous."""
    if structured is not None and plain_text.strip():
        raise RuleViolation(
            gettext("Give the text either structured or as plain text, not both"),
            field="plain_text",
            status_code=422,
        )
    text = split_plain_text(plain_text) if plain_text.strip() else structured or TextIn()
    check_text(text)
    return text


async def _serial(session_id: int, prefix: str, typed: str | None) -> int:
    """The typed symbol's serial if it is free, else the session's next free L number."""
    taken = await _taken_serials(session_id, prefix)
    if typed is None:
        return next_free(taken)
    serial = serial_of(typed, prefix)
    if serial in taken:
        raise RuleViolation(gettext("%(symbol)s is already taken", symbol=typed), field="symbol")
    return serial


async def _taken_serials(session_id: int, prefix: str) -> set[int]:
    """L numbers used by the session's proposals, or by L documents recorded among its documents."""
    rows = await Proposal.select(Proposal.serial).where(Proposal.session == session_id)
    taken = {row["serial"] for row in rows}
    documents = await Document.select(Document.symbol).where(Document.symbol.like(f"{prefix}/L.%"))
    for row in documents:
        rest = row["symbol"][len(prefix) + 3 :].split("/")[0]
        if rest.isdigit():
            taken.add(int(rest))
    return taken


async def check_agenda_item(session_id: int, item_id: int | None) -> None:
    if item_id is None:
        return
    item = await AgendaItem.select(AgendaItem.session).where(AgendaItem.id == item_id).first()
    if item is None or item["session"] != session_id:
        raise RuleViolation(
            gettext("There is no such item on this session's agenda"),
            field="agenda_item_id",
            status_code=422,
        )


# Changing --------------------------------------------------------------------


async def update_proposal(actor: Actor, proposal_id: int, patch: ProposalPatch) -> ProposalOut:
    changes = given_fields(patch)
    async with locked_transaction(proposal_lock(proposal_id)):
        row = await proposal_row(proposal_id)
        check_not_acted_upon(row)
        before = await snapshot(proposal_id)
        if "title" in changes:
            draft = await draft_version(proposal_id, field="title")
            await ProposalVersion.update({ProposalVersion.title: changes["title"]}).where(
                ProposalVersion.id == draft["id"]
            )
        values: dict[Any, Any] = {Proposal.updated_at: datetime.now(UTC)}
        if "agenda_item_id" in changes:
            await check_agenda_item(row["session"], changes["agenda_item_id"])
            values[Proposal.agenda_item] = changes["agenda_item_id"]
        if "sponsorship_deadline" in changes:
            values[Proposal.sponsorship_deadline] = changes["sponsorship_deadline"]
        await Proposal.update(values).where(Proposal.id == proposal_id)
        await tell(actor, proposal_id, "proposal.changed", before)
    return await proposal_out(actor, proposal_id)


async def set_text(actor: Actor, proposal_id: int, update: TextUpdate) -> ProposalOut:
    """Replace the text of the version being prepared (the draft, or a revision not issued yet)."""
    text = given_text(update.text, update.plain_text)
    async with locked_transaction(proposal_lock(proposal_id)):
        check_not_acted_upon(await proposal_row(proposal_id), field="text")
        draft = await draft_version(proposal_id, field="text")
        before = await snapshot(proposal_id)
        await ProposalVersion.update({ProposalVersion.text: encode_text(text)}).where(
            ProposalVersion.id == draft["id"]
        )
        await tell(actor, proposal_id, "proposal.text_changed", before)
    return await proposal_out(actor, proposal_id)


async def draft_version(proposal_id: int, *, field: str) -> dict[str, Any]:
    """The version not issued yet; an issued text changes only through a revision."""
    latest = (await version_rows(proposal_id))[-1]
    if latest["issued_on"] is not None:
        raise RuleViolation(
            gettext(
                "%(symbol)s has been issued: prepare a revision to change it",
                symbol=latest["symbol"],
            ),
            field=field,
        )
    return latest


# Issuing and revising --------------------------------------------------------


async def issue(actor: Actor, proposal_id: int, issued_on: date | None) -> ProposalOut:
    """Issue the version being prepared: its sponsors line is printed, and kept, as it stands
    now."""
    async with locked_transaction(proposal_lock(proposal_id)):
        row = await proposal_row(proposal_id)
        check_not_acted_upon(row)
        draft = await draft_version(proposal_id, field="issued_on")
        if not decode_text(draft["text"]).paragraphs:
            raise RuleViolation(
                gettext("A draft with no paragraphs cannot be issued"),
                field="text",
                status_code=422,
            )
        names = await sponsor_names(proposal_id)
        if not names:
            raise RuleViolation(
                gettext("A draft is issued with at least one sponsor"),
                field="sponsor_ids",
            )
        session = await session_row(row["session"])
        day = issued_on or datetime.now(ZoneInfo(session["timezone"])).date()
        await _check_issue_date(proposal_id, day, session)
        before = await snapshot(proposal_id)
        line = sponsors_line(names, ProposalKind(row["kind"]), revised=draft["revision"] > 0)
        await ProposalVersion.update(
            {
                ProposalVersion.issued_on: day,
                ProposalVersion.sponsors: msgspec.json.encode(names).decode(),
                ProposalVersion.sponsors_line: line,
            }
        ).where(ProposalVersion.id == draft["id"])
        await Proposal.update(
            {Proposal.status: ProposalStatus.ISSUED.value, Proposal.updated_at: datetime.now(UTC)}
        ).where(Proposal.id == proposal_id)
        await tell(actor, proposal_id, "proposal.issued", before)
    return await proposal_out(actor, proposal_id)


async def _check_issue_date(proposal_id: int, day: date, session: dict[str, Any]) -> None:
    """An L document is issued by the end of its session; a revision not before what it revises."""
    if day > session["end_date"]:
        raise RuleViolation(
            gettext(
                "The session ended on %(date)s: its documents are issued by then",
                date=long_date(session["end_date"]),
            ),
            field="issued_on",
            status_code=422,
        )
    earlier = [v["issued_on"] for v in await version_rows(proposal_id) if v["issued_on"]]
    if earlier and day < max(earlier):
        raise RuleViolation(
            gettext("A revision is issued on or after the version it revises"),
            field="issued_on",
            status_code=422,
        )


async def revise(actor: Actor, proposal_id: int) -> ProposalOut:
    """Start the next revision (Rev.1, Rev.2 ...) from the latest issued text, to be changed and
    issued."""
    async with locked_transaction(proposal_lock(proposal_id)):
        row = await proposal_row(proposal_id)
        check_not_acted_upon(row)
        versions = await version_rows(proposal_id)
        latest = versions[-1]
        if latest["issued_on"] is None:
            not_issued = (
                gettext("The draft has not been issued yet: change it rather than revise it")
                if latest["revision"] == 0
                else gettext(
                    "%(symbol)s has not been issued yet: change it rather than revise it",
                    symbol=latest["symbol"],
                )
            )
            raise RuleViolation(not_issued, field="revision")
        before = await snapshot(proposal_id)
        revision = latest["revision"] + 1
        await ProposalVersion(
            proposal=proposal_id,
            revision=revision,
            symbol=f"{versions[0]['symbol']}/Rev.{revision}",
            title=latest["title"],
            text=latest["text"],
        ).save()
        await tell(actor, proposal_id, "proposal.revised", before)
    return await proposal_out(actor, proposal_id)
