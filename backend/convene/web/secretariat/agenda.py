"""The secretariat's agenda page: its items, their documents, the agenda's adoption."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.agenda import services as agenda
from convene.agenda.schemas import AdoptionIn, AgendaItemIn, AgendaItemPatch, DocumentIn
from convene.errors import NotFound
from convene.multilingual import TRANSLATED
from convene.templating import gettext as _
from convene.web.confirmation import is_confirmed
from convene.web.forms import REFUSED, convert, many, optional, text
from convene.web.rendering import AnyRequest
from convene.web.secretariat.pages import Form, SessionSubpage

ITEM_FIELDS = ("title", "description", "parent_id", "position")
TRANSLATION_FIELDS = tuple(f"title_{language}" for language in TRANSLATED)
"""The item's title in the other five languages, beside the English one."""
DOCUMENT_FIELDS = ("symbol", "title", "languages", "link", "agenda_item_id")


class AgendaPages(SessionSubpage):
    section = "agenda"
    refused = (*REFUSED, NotFound)

    @get("/sessions/{session_id:int}/agenda")
    async def page(self, request: AnyRequest, session_id: PathId) -> Template:
        return await self._page(request, session_id)

    async def _context(self, session_id: int) -> dict[str, Any]:
        return {
            "agenda": await agenda.get_agenda(session_id, all_languages=True, include_private=True),
            "translated": TRANSLATED,
        }

    @post("/sessions/{session_id:int}/agenda/items")
    async def add_item(self, request: AnyRequest, session_id: PathId) -> Template | Redirect:
        values = optional(await request.form(), *ITEM_FIELDS)
        return await self._run(
            request,
            session_id,
            Form("item", values, ITEM_FIELDS),
            lambda: agenda.add_item(request.user, session_id, convert(values, AgendaItemIn)),
            "item-added",
        )

    @post("/agenda-items/{item_id:int}")
    async def save_item(self, request: AnyRequest, item_id: PathId) -> Template | Redirect:
        session_id = await agenda.item_session(item_id)
        form = await request.form()
        values = {name: text(form, name) for name in ("title", "description", *TRANSLATION_FIELDS)}
        titles = {language: values[f"title_{language}"] for language in TRANSLATED}
        patch = {"title": values["title"], "description": values["description"], "titles": titles}
        return await self._run(
            request,
            session_id,
            Form(f"item-{item_id}", values, ("title", "description", *TRANSLATION_FIELDS)),
            lambda: agenda.update_item(request.user, item_id, convert(patch, AgendaItemPatch)),
            "item-saved",
        )

    @post("/agenda-items/{item_id:int}/position")
    async def move_item(self, request: AnyRequest, item_id: PathId) -> Template | Redirect:
        session_id = await agenda.item_session(item_id)
        values = optional(await request.form(), "position")
        return await self._run(
            request,
            session_id,
            Form(f"item-{item_id}", values, ("position",)),
            lambda: agenda.update_item(request.user, item_id, convert(values, AgendaItemPatch)),
            "item-moved",
        )

    @post("/agenda-items/{item_id:int}/removal")
    async def remove_item(self, request: AnyRequest, item_id: PathId) -> Template | Redirect:
        session_id = await agenda.item_session(item_id)
        form = await request.form()
        if not is_confirmed(form):
            return await self._ask(
                request,
                form,
                session_id,
                _("Remove this agenda item?"),
                _("The item, its sub-items and the link to its documents are removed, and the items "
                  "after it are renumbered. This cannot be undone."),
                _("Yes, remove the item"),
            )
        return await self._run(
            request,
            session_id,
            Form(f"item-{item_id}", {}),
            lambda: agenda.delete_item(request.user, item_id),
            "item-removed",
        )

    @post("/sessions/{session_id:int}/documents")
    async def add_document(self, request: AnyRequest, session_id: PathId) -> Template | Redirect:
        form = await request.form()
        values: dict[str, Any] = optional(form, "symbol", "title", "link", "agenda_item_id")
        values["languages"] = many(form, "languages") or ["en"]
        return await self._run(
            request,
            session_id,
            Form("document", values, DOCUMENT_FIELDS),
            lambda: agenda.add_document(request.user, session_id, convert(values, DocumentIn)),
            "document-added",
        )

    @post("/documents/{document_id:int}/removal")
    async def remove_document(
        self, request: AnyRequest, document_id: PathId
    ) -> Template | Redirect:
        session_id = await agenda.document_session(document_id)
        form = await request.form()
        if not is_confirmed(form):
            return await self._ask(
                request,
                form,
                session_id,
                _("Remove this document?"),
                _("The document is no longer listed with the agenda. This cannot be undone."),
                _("Yes, remove the document"),
            )
        return await self._run(
            request,
            session_id,
            Form("document", {}),
            lambda: agenda.delete_document(request.user, document_id),
            "document-removed",
        )

    @post("/sessions/{session_id:int}/agenda/adoption")
    async def adopt(self, request: AnyRequest, session_id: PathId) -> Template | Redirect:
        values = optional(await request.form(), "adopted_on")
        return await self._run(
            request,
            session_id,
            Form("adoption", values, ("adopted_on",)),
            lambda: agenda.adopt_agenda(
                request.user, session_id, convert(values, AdoptionIn).adopted_on
            ),
            "agenda-adopted",
        )
