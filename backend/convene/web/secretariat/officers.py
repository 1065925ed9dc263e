"""The secretariat's officers page: the session's bureau, who holds which office."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.entities.categories import Category
from convene.meetings import officers
from convene.meetings.schemas import OfficerIn
from convene.meetings.vocabulary import OfficerRole
from convene.templating import gettext as _
from convene.web.confirmation import is_confirmed
from convene.web.forms import convert, optional
from convene.web.rendering import AnyRequest
from convene.web.secretariat.pages import Form, SessionSubpage, entity_chosen, every_entity

OFFICER_FIELDS = ("role", "honorific", "name", "entity_id")


class OfficerPages(SessionSubpage):
    section = "officers"

    @get("/sessions/{session_id:int}/officers")
    async def page(self, request: AnyRequest, session_id: PathId) -> Template:
        return await self._page(request, session_id)

    async def _context(self, session_id: int) -> dict[str, Any]:
        states = await every_entity()
        return {
            "officers": await officers.list_officers(session_id),
            "roles": [(role.value, _(role.label)) for role in OfficerRole],
            "states": [e.short_name for e in states if Category(e.category).is_state],
        }

    @post("/sessions/{session_id:int}/officers")
    async def add(self, request: AnyRequest, session_id: PathId) -> Template | Redirect:
        values = optional(await request.form(), *OFFICER_FIELDS)
        return await self._run(
            request,
            session_id,
            Form(None, values, OFFICER_FIELDS),
            lambda: self._add(request, session_id, values),
            "officer-added",
        )

    async def _add(self, request: AnyRequest, session_id: int, values: dict[str, str]) -> Any:
        """Elect the officer; their State is typed by name, from the list of States."""
        data = convert(await entity_chosen(values), OfficerIn)
        return await officers.add_officer(request.user, session_id, data)

    @post("/officers/{officer_id:int}/removal")
    async def remove(self, request: AnyRequest, officer_id: PathId) -> Template | Redirect:
        session_id = await officers.officer_session(officer_id)
        form = await request.form()
        if not is_confirmed(form):
            return await self._ask(
                request,
                form,
                session_id,
                _("Remove this officer?"),
                _("The officer no longer appears on the bureau of the session. This cannot be undone."),
                _("Yes, remove the officer"),
            )
        await officers.remove_officer(request.user, officer_id)
        return self._back(session_id, "officer-removed")
