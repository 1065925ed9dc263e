"""Agenda rules: two levels (items and sub-items), contiguous numbering, adoption.

Positions among siblings are kept 1..n at every write, so the number a
delegate reads ("4 (a)") is always the stored order, with no gaps after a
move or a deletion. An adopted agenda keeps its structure; documents can
still be attached to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import msgspec

from convene.accounts.access import Actor
from convene.agenda.events import AgendaAdopted, AgendaItemChanged, DocumentChanged
from convene.agenda.numbering import item_number
from convene.agenda.schemas import (
    AgendaItemIn,
    AgendaItemOut,
    AgendaItemPatch,
    AgendaOut,
    DocumentIn,
    DocumentOut,
    DocumentPatch,
)
from convene.agenda.tables import AgendaItem, Document
from convene.api.patches import given_fields
from convene.db import columns, locked_transaction
from convene.errors import NotFound, RuleViolation
from convene.events.bus import publish
from convene.meetings.bodies import join_codes, split_codes
from convene.meetings.lookups import session_row
from convene.meetings.tables import Session
from convene.multilingual import (
    all_six,
    in_language,
    stored_texts,
    translation_values,
    untranslated,
)
from convene.translation import gettext


def _agenda_lock(session_id: int) -> str:
    return f"agenda:{session_id}"


# Reading ---------------------------------------------------------------------


async def get_agenda(
    session_id: int, *, all_languages: bool = False, include_private: bool = False
) -> AgendaOut:
    """The whole agenda in three queries: session, items, documents.

    Items' titles are in the current language; ``all_languages`` adds each language's,
    ``include_private`` (the secretariat) says which are shown in English for want of one.
    """
    session = await session_row(session_id)
    items = (
        await AgendaItem.select()
        .where(AgendaItem.session == session_id)
        .order_by(AgendaItem.position)
    )
    documents = await _documents(session_id)
    by_item: dict[int | None, list[DocumentOut]] = defaultdict(list)
    for document in documents:
        by_item[document.agenda_item_id].append(document)
    return AgendaOut(
        session_id=session_id,
        status=session["agenda_status"],
        adopted_on=session["agenda_adopted_on"],
        items=_tree(items, by_item, _Languages(all_languages, include_private)),
        documents=documents,
    )


@dataclass(frozen=True)
class _Languages:
    """Which texts beside the current language's an agenda view carries."""

    all_languages: bool
    include_private: bool


def _tree(
    rows: list[dict[str, Any]],
    documents: dict[int | None, list[DocumentOut]],
    languages: _Languages,
) -> list[AgendaItemOut]:
    children: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        children[row["parent"]].append(row)
    return [
        _item_out(
            item,
            item_number(item["position"]),
            documents,
            [
                _item_out(
                    sub, item_number(item["position"], sub["position"]), documents, [], languages
                )
                for sub in children[item["id"]]
            ],
            languages,
        )
        for item in children[None]
    ]


def _item_out(
    row: dict[str, Any],
    number: str,
    documents: dict[int | None, list[DocumentOut]],
    sub_items: list[AgendaItemOut],
    languages: _Languages,
) -> AgendaItemOut:
    titles = stored_texts(row, "title")
    return AgendaItemOut(
        id=row["id"],
        number=number,
        title=in_language(titles),
        description=row["description"],
        parent_id=row["parent"],
        position=row["position"],
        documents=documents[row["id"]],
        sub_items=sub_items,
        titles=all_six(titles) if languages.all_languages else None,
        untranslated=untranslated(titles) if languages.include_private else None,
    )


async def item_numbers(session_id: int) -> dict[int, str]:
    """Each item's id → its number ("4 (a)"), for sittings and reports."""
    rows = await AgendaItem.select(AgendaItem.id, AgendaItem.parent, AgendaItem.position).where(
        AgendaItem.session == session_id
    )
    top = {row["id"]: row["position"] for row in rows if row["parent"] is None}
    return {
        row["id"]: item_number(top[row["parent"]], row["position"])
        if row["parent"]
        else item_number(row["position"])
        for row in rows
    }


async def _documents(session_id: int) -> list[DocumentOut]:
    rows = await Document.select().where(Document.session == session_id).order_by(Document.symbol)
    return [_document_out(row) for row in rows]


def _document_out(row: dict[str, Any]) -> DocumentOut:
    return DocumentOut(
        id=row["id"],
        symbol=row["symbol"],
        title=row["title"],
        languages=split_codes(row["languages"]),
        link=row["link"],
        agenda_item_id=row["agenda_item"],
    )


# Items -----------------------------------------------------------------------


async def add_item(actor: Actor, session_id: int, data: AgendaItemIn) -> AgendaOut:
    async with locked_transaction(_agenda_lock(session_id)):
        await _check_provisional(session_id)
        await _check_parent(session_id, data.parent_id, item_id=None)
        titles: dict[str, Any] = {
            "title": data.title,
            **translation_values("title", data.titles, name="titles"),
        }
        item = AgendaItem(
            session=session_id,
            parent=data.parent_id,
            position=0,
            description=data.description,
            **titles,
        )
        await item.save()
        await _place(session_id, item.id, data.parent_id, data.position)
        await publish(
            AgendaItemChanged(
                actor=actor,
                action="agenda_item.added",
                object_id=item.id,
                after=await _audited(item.id),
                session_id=session_id,
            )
        )
    return await get_agenda(session_id, include_private=True)


async def update_item(actor: Actor, item_id: int, patch: AgendaItemPatch) -> AgendaOut:
    item = await _item(item_id)
    session_id = item["session"]
    async with locked_transaction(_agenda_lock(session_id)):
        before = await _audited(item_id)
        changes = given_fields(patch)
        moving = "parent_id" in changes or "position" in changes
        if moving:
            await _check_provisional(session_id)
            parent_id = changes.get("parent_id", item["parent"])
            await _check_parent(session_id, parent_id, item_id=item_id)
            old_parent = item["parent"]
            await AgendaItem.update({AgendaItem.parent: parent_id}).where(AgendaItem.id == item_id)
            await _place(session_id, item_id, parent_id, changes.get("position"))
            if old_parent != parent_id:
                await _renumber(session_id, old_parent)
        text: dict[str, Any] = {k: changes[k] for k in ("title", "description") if k in changes}
        text |= translation_values("title", changes.get("titles", {}), name="titles")
        if text:
            await AgendaItem.update(columns(text)).where(AgendaItem.id == item_id)
        after = await _audited(item_id)
        await publish(
            AgendaItemChanged(
                actor=actor,
                action="agenda_item.changed",
                object_id=item_id,
                before=before,
                after=after,
                session_id=session_id,
            )
        )
    return await get_agenda(session_id, include_private=True)


async def _audited(item_id: int) -> dict[str, Any]:
    """What the audit log keeps of an item: its number as readers see it, and its text."""
    row = await _item(item_id)
    numbers = await item_numbers(row["session"])
    return {
        "number": numbers[item_id],
        "title": row["title"],
        "titles": stored_texts(row, "title"),
        "description": row["description"],
    }


async def delete_item(actor: Actor, item_id: int) -> AgendaOut:
    """Remove an item (and its sub-items); the items after it move up a number."""
    item = await _item(item_id)
    session_id = item["session"]
    async with locked_transaction(_agenda_lock(session_id)):
        await _check_provisional(session_id)
        before = await _audited(item_id)
        await AgendaItem.delete().where(AgendaItem.parent == item_id)
        await AgendaItem.delete().where(AgendaItem.id == item_id)
        await _renumber(session_id, item["parent"])
        await publish(
            AgendaItemChanged(
                actor=actor,
                action="agenda_item.removed",
                object_id=item_id,
                before=before,
                session_id=session_id,
            )
        )
    return await get_agenda(session_id, include_private=True)


async def adopt_agenda(actor: Actor, session_id: int, adopted_on: date) -> AgendaOut:
    """The body adopts its agenda, as a rule at its first sitting."""
    async with locked_transaction(_agenda_lock(session_id)):
        session = await session_row(session_id)
        if session["agenda_status"] == "adopted":
            raise RuleViolation(gettext("The agenda has already been adopted"), field="adopted_on")
        if not session["start_date"] <= adopted_on <= session["end_date"]:
            raise RuleViolation(
                gettext("An agenda is adopted during its session"),
                field="adopted_on",
                status_code=422,
            )
        if not await AgendaItem.exists().where(AgendaItem.session == session_id):
            raise RuleViolation(gettext("An empty agenda cannot be adopted"), field="adopted_on")
        await Session.update(
            {Session.agenda_status: "adopted", Session.agenda_adopted_on: adopted_on}
        ).where(Session.id == session_id)
        await publish(
            AgendaAdopted(
                actor=actor,
                action="agenda.adopted",
                object_id=session_id,
                before={"agenda_status": "provisional"},
                after={"agenda_status": "adopted", "agenda_adopted_on": adopted_on},
                session_id=session_id,
            )
        )
    return await get_agenda(session_id, include_private=True)


async def _item(item_id: int) -> dict[str, Any]:
    """The agenda item as stored, or 404: the one place a missing item is answered."""
    item = await AgendaItem.select().where(AgendaItem.id == item_id).first()
    if item is None:
        raise NotFound(gettext("Agenda item not found"))
    return item


async def item_session(item_id: int) -> int:
    """The session whose agenda has the item (404 if there is no such item)."""
    return (await _item(item_id))["session"]


async def _check_provisional(session_id: int) -> None:
    session = await session_row(session_id)
    if session["agenda_status"] == "adopted":
        raise RuleViolation(
            gettext("The agenda has been adopted; its items can no longer be changed"),
            field="agenda",
        )


async def _check_parent(session_id: int, parent_id: int | None, *, item_id: int | None) -> None:
    """A sub-item hangs under an item of the same session; sub-items have no sub-items."""
    if parent_id is None:
        return
    parent = (
        await AgendaItem.select(AgendaItem.session, AgendaItem.parent)
        .where(AgendaItem.id == parent_id)
        .first()
    )
    if parent is None or parent["session"] != session_id:
        raise RuleViolation(
            gettext("There is no such item on this agenda"), field="parent_id", status_code=422
        )
    if parent["parent"] is not None or parent_id == item_id:
        raise RuleViolation(
            gettext("Sub-items cannot have sub-items of their own"),
            field="parent_id",
            status_code=422,
        )
    if item_id is not None and await AgendaItem.exists().where(AgendaItem.parent == item_id):
        raise RuleViolation(
            gettext("An item with sub-items cannot become a sub-item"),
            field="parent_id",
            status_code=422,
        )


async def _siblings(session_id: int, parent_id: int | None) -> list[int]:
    parent = AgendaItem.parent.is_null() if parent_id is None else AgendaItem.parent == parent_id
    rows = (
        await AgendaItem.select(AgendaItem.id)
        .where((AgendaItem.session == session_id) & parent)
        .order_by(AgendaItem.position)
        .order_by(AgendaItem.id)
    )
    return [row["id"] for row in rows]


async def _place(
    session_id: int, item_id: int, parent_id: int | None, position: int | None
) -> None:
    """Put ``item_id`` at ``position`` among its siblings (last when None) and renumber them."""
    order = [sibling for sibling in await _siblings(session_id, parent_id) if sibling != item_id]
    index = len(order) if position is None else min(position - 1, len(order))
    order.insert(index, item_id)
    await _write_positions(order)


async def _renumber(session_id: int, parent_id: int | None) -> None:
    await _write_positions(await _siblings(session_id, parent_id))


async def _write_positions(order: list[int]) -> None:
    for position, item_id in enumerate(order, start=1):
        await AgendaItem.update({AgendaItem.position: position}).where(AgendaItem.id == item_id)


# Documents -------------------------------------------------------------------


async def add_document(actor: Actor, session_id: int, data: DocumentIn) -> DocumentOut:
    async with locked_transaction("document-symbols"):
        await session_row(session_id)
        await _check_document(session_id, data.symbol, data.agenda_item_id, document_id=None)
        document = Document(
            session=session_id,
            agenda_item=data.agenda_item_id,
            symbol=data.symbol,
            title=data.title,
            languages=join_codes(data.languages),
            link=data.link,
        )
        await document.save()
        added = await get_document(document.id)
        await publish(
            DocumentChanged(
                actor=actor,
                action="document.added",
                object_id=document.id,
                after=msgspec.structs.asdict(added),
                session_id=session_id,
            )
        )
    return added


async def update_document(actor: Actor, document_id: int, patch: DocumentPatch) -> DocumentOut:
    current = await get_document(document_id)
    changes = given_fields(patch)
    session_id = await document_session(document_id)
    async with locked_transaction("document-symbols"):
        await _check_document(
            session_id,
            changes.get("symbol", current.symbol),
            changes.get("agenda_item_id", current.agenda_item_id),
            document_id=document_id,
        )
        if "languages" in changes:
            changes["languages"] = join_codes(changes["languages"])
        if "agenda_item_id" in changes:
            changes["agenda_item"] = changes.pop("agenda_item_id")
        if changes:
            await Document.update(columns(changes)).where(Document.id == document_id)
        updated = await get_document(document_id)
        await publish(
            DocumentChanged(
                actor=actor,
                action="document.changed",
                object_id=document_id,
                before=msgspec.structs.asdict(current),
                after=msgspec.structs.asdict(updated),
                session_id=session_id,
            )
        )
    return updated


async def delete_document(actor: Actor, document_id: int) -> None:
    document = await get_document(document_id)
    session_id = await document_session(document_id)
    async with locked_transaction("document-symbols"):
        await Document.delete().where(Document.id == document_id)
        await publish(
            DocumentChanged(
                actor=actor,
                action="document.removed",
                object_id=document_id,
                before=msgspec.structs.asdict(document),
                session_id=session_id,
            )
        )


async def get_document(document_id: int) -> DocumentOut:
    return _document_out(await _document(document_id))


async def document_session(document_id: int) -> int:
    """The session the document belongs to (404 if there is no such document)."""
    return (await _document(document_id))["session"]


async def _document(document_id: int) -> dict[str, Any]:
    """The document as stored, or 404: the one place a missing document is answered."""
    row = await Document.select().where(Document.id == document_id).first()
    if row is None:
        raise NotFound(gettext("Document not found"))
    return row


async def _check_document(
    session_id: int, symbol: str, item_id: int | None, *, document_id: int | None
) -> None:
    clash = Document.select(Document.id).where(Document.symbol == symbol)
    if document_id is not None:
        clash = clash.where(Document.id != document_id)
    if await clash.first():
        raise RuleViolation(
            gettext("A document with the symbol %(symbol)s already exists", symbol=symbol),
            field="symbol",
        )
    if item_id is not None:
        item = await AgendaItem.select(AgendaItem.session).where(AgendaItem.id == item_id).first()
        if item is None or item["session"] != session_id:
            raise RuleViolation(
                gettext("There is no such item on this agenda"),
                field="agenda_item_id",
                status_code=422,
            )
