"""The L document and the adopted text as PDFs in UN layout, and what a version changed.

The PDF is laid out by the reports' renderer (same fonts, one FontConfiguration,
tagged PDF) from ``reports/proposal.html``, and cached like the reports, keyed by
the data it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from convene.accounts.access import Actor
from convene.agenda.tables import AgendaItem
from convene.errors import NotFound, RuleViolation
from convene.meetings.schemas import SessionOut
from convene.meetings.services import get_session
from convene.meetings.titles import ordinal
from convene.meetings.vocabulary import SessionKind
from convene.proposals.access import proposal_for
from convene.proposals.changes import compare
from convene.proposals.schemas import ChangesOut, DiffBlock, ProposalDocument, VersionOut
from convene.proposals.texts import decode_text
from convene.proposals.views import (
    agenda_item_label,
    linked_text,
    readable_versions,
    sponsor_names,
    version_line,
    version_out,
)
from convene.proposals.vocabulary import Outcome, ProposalKind, ProposalStatus
from convene.reports.cache import ReportCache, data_digest
from convene.reports.headers import author, venue
from convene.reports.rendering import render_pdf
from convene.reports.services import ReportFile
from convene.reports.texts import date_span, long_date
from convene.translation import ENGLISH, gettext, using_locale

TEMPLATE = "proposal.html"


async def changes(actor: Actor, proposal_id: int, revision: int | None) -> ChangesOut:
    """What ``revision`` (the latest the viewer reads, by default) changed against the one
    before."""
    await proposal_for(actor, proposal_id)
    versions = await readable_versions(actor, proposal_id)
    version = _pick(versions, revision)
    if version["revision"] == 0:
        raise RuleViolation(
            gettext("The original has no earlier version to compare with"),
            field="revision",
            status_code=422,
        )
    return ChangesOut(
        symbol=version["symbol"],
        against=_previous(versions, version)["symbol"],
        blocks=_diff(_previous(versions, version), version),
    )


async def version_view(actor: Actor, proposal_id: int, revision: int | None) -> VersionOut:
    """One version as the viewer may read it (the latest by default): its symbol, line and text."""
    row = await proposal_for(actor, proposal_id)
    version = _pick(await readable_versions(actor, proposal_id), revision)
    return await version_out(version, ProposalKind(row["kind"]), await sponsor_names(proposal_id))


async def version_pdf(
    actor: Actor, proposal_id: int, revision: int | None, marked: bool, cache_dir: Path
) -> ReportFile:
    row = await proposal_for(actor, proposal_id)
    versions = await readable_versions(actor, proposal_id)
    version = _pick(versions, revision)
    diff: list[DiffBlock] = []
    against = ""
    if marked:
        if version["revision"] == 0:
            raise RuleViolation(
                gettext("The original has no earlier version to mark changes against"),
                field="marked",
                status_code=422,
            )
        previous = _previous(versions, version)
        diff, against = _diff(previous, version), previous["symbol"]
    kind = ProposalKind(row["kind"])
    document = await _document(
        row,
        version["symbol"],
        version["issued_on"],
        version["title"],
        version_line(version, kind, await sponsor_names(proposal_id)),
        version["text"],
    )
    document = msgspec.structs.replace(document, changes=diff, against=against)
    name = f"proposal-{proposal_id}-rev{version['revision']}" + ("-marked" if marked else "")
    return await _pdf(
        name, document, _filename(version["symbol"], "marked" if marked else ""), cache_dir
    )


async def adopted_pdf(actor: Actor, proposal_id: int, cache_dir: Path) -> ReportFile:
    row = await proposal_for(actor, proposal_id)
    if row["status"] != ProposalStatus.ADOPTED.value:
        raise NotFound(gettext("Adopted text not found"))
    latest = (await readable_versions(actor, proposal_id))[-1]
    document = await _document(
        row, latest["symbol"], row["acted_on"], latest["title"], "", row["adopted_text"]
    )
    heading = row["adopted_symbol"][0].upper() + row["adopted_symbol"][1:]
    orally = row["outcome"] == Outcome.ADOPTED_AS_ORALLY_AMENDED.value
    document = msgspec.structs.replace(document, adopted=heading, orally_amended=orally)
    return await _pdf(
        f"proposal-{proposal_id}-adopted", document, _filename(row["adopted_symbol"]), cache_dir
    )


def _pick(versions: list[dict[str, Any]], revision: int | None) -> dict[str, Any]:
    if revision is None:
        return versions[-1]
    for version in versions:
        if version["revision"] == revision:
            return version
    raise NotFound(gettext("Version not found"))


def _previous(versions: list[dict[str, Any]], version: dict[str, Any]) -> dict[str, Any]:
    return next(v for v in versions if v["revision"] == version["revision"] - 1)


def _diff(before: dict[str, Any], after: dict[str, Any]) -> list[DiffBlock]:
    return compare(
        decode_text(before["text"]), decode_text(after["text"]), (before["title"], after["title"])
    )


async def _document(
    row: dict[str, Any], symbol: str, issued_on: Any, title: str, line: str, stored_text: str
) -> ProposalDocument:
    """The L document's data, in English whatever the page's language: a draft is issued in
    its original language ("Original: English"); the translations are the conference services'."""
    with using_locale(ENGLISH):
        return await _english_document(row, symbol, issued_on, title, line, stored_text)


async def _english_document(
    row: dict[str, Any], symbol: str, issued_on: Any, title: str, line: str, stored_text: str
) -> ProposalDocument:
    session = await get_session(row["session"], include_private=True)
    item_title = await _item_title(row["agenda_item"])
    return ProposalDocument(
        symbol=symbol,
        issued_on=long_date(issued_on) if issued_on else "",
        body=session.parts[0].body_name if session.parts else "",
        session_heading=session_heading(session),
        place_and_dates=", ".join(
            part
            for part in (
                session.city or venue(session),
                date_span(session.start_date, session.end_date),
            )
            if part
        ),
        agenda_item=await agenda_item_label(row),
        agenda_item_title=item_title,
        sponsors_line=line,
        title=title,
        text=await linked_text(decode_text(stored_text)),
        author=author(session),
    )


def session_heading(session: SessionOut) -> str:
    """ "Seventh session", "First resumed eleventh session": the masthead's line under the body."""
    if not session.parts:
        return session.title
    part = session.parts[0]
    kind = SessionKind(part.kind)
    if kind in (SessionKind.REGULAR, SessionKind.RESUMED) and part.number:
        resumed = f"{ordinal(part.resumption or 1)} resumed " if kind is SessionKind.RESUMED else ""
        heading = f"{resumed}{ordinal(part.number)} session"
    else:
        heading = part.title.split(" of the ")[0]
    return heading[0].upper() + heading[1:]


async def _item_title(item_id: int | None) -> str:
    if item_id is None:
        return ""
    item = (
        await AgendaItem.select(AgendaItem.title).where(AgendaItem.id == item_id).first()
    )  # English
    return item["title"] if item else ""


async def _pdf(name: str, document: ProposalDocument, filename: str, cache_dir: Path) -> ReportFile:
    """The cached PDF when the document is unchanged, else a fresh layout."""
    digest = data_digest(TEMPLATE, document)
    cache = ReportCache(cache_dir)
    cached = cache.get(name, digest)
    if cached is not None:
        return ReportFile(cached, filename, digest, from_cache=True)
    content, from_cache = await cache.get_or_build(
        name, digest, lambda: render_pdf(TEMPLATE, document).content
    )
    return ReportFile(content, filename, digest, from_cache=from_cache)


def _filename(symbol: str, suffix: str = "") -> str:
    """ "CAC/COSP/2017/L.8/Rev.1" → "CAC-COSP-2017-L.8-Rev.1.pdf"."""
    return symbol.replace("/", "-").replace(" ", "-") + (f"-{suffix}" if suffix else "") + ".pdf"
