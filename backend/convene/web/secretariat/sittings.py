"""The secretariat's sittings page: schedule, change and cancel a session's sittings."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.response import Redirect, Template

from convene.bounds import PathId
from convene.agenda import services as agenda
from convene.sittings import services as sittings
from convene.sittings.schemas import SittingIn, SittingPatch
from convene.templating import gettext as _
from convene.web.confirmation import is_confirmed
from convene.web.forms import convert, many, text, whole_numbers
from convene.web.rendering import AnyRequest
from convene.web.secretariat.pages import Form, SessionSubpage

SITTING_FIELDS = ("title", "starts_at", "ends_at", "room", "online_link", "agenda_item_ids")


def sitting_values(form: Any) -> dict[str, Any]:
    """The sitting form as typed (item ids stay text until converted, so a bad one is reported)."""
    values: dict[str, Any] = {name: text(form, name) for name in SITTING_FIELDS[:-1]}
    values["agenda_item_ids"] = many(form, "agenda_item_ids")
    return values


def sitting_data(values: dict[str, Any]) -> dict[str, Any]:
    """What a sitting service takes: filled fields, item ids as numbers."""
    data = {key: value for key, value in values.items() if value != ""}
    data["agenda_item_ids"] = whole_numbers(values["agenda_item_ids"], "agenda_item_ids")
    return data


def sitting_patch(values: dict[str, Any]) -> SittingPatch:
    """Every field of the form: an emptied room or link, or no item ticked, clears it."""
    data = sitting_data(values) | {"online_link": values["online_link"], "room": values["room"]}
    return convert(data, SittingPatch)


class SittingPages(SessionSubpage):
    section = "sittings"

    @get("/sessions/{session_id:int}/sittings")
    async def page(self, request: AnyRequest, session_id: PathId) -> Template:
        return await self._page(request, session_id)

    async def _context(self, session_id: int) -> dict[str, Any]:
        return {
            "sittings": await sittings.list_sittings(session_id, include_links=True),
            "agenda": await agenda.get_agenda(session_id),
        }

    @post("/sessions/{session_id:int}/sittings")
    async def add(self, request: AnyRequest, session_id: PathId) -> Template | Redirect:
        values = sitting_values(await request.form())
        return await self._run(
            request,
            session_id,
            Form("new", values, SITTING_FIELDS),
            lambda: sittings.create_sitting(
                request.user, session_id, convert(sitting_data(values), SittingIn)
            ),
            "sitting-added",
        )

    @post("/sittings/{sitting_id:int}")
    async def save(self, request: AnyRequest, sitting_id: PathId) -> Template | Redirect:
        current = await sittings.get_sitting(sitting_id, include_links=True)
        values = sitting_values(await request.form())
        return await self._run(
            request,
            current.session_id,
            Form(f"sitting-{sitting_id}", values, SITTING_FIELDS),
            lambda: sittings.update_sitting(request.user, sitting_id, sitting_patch(values)),
            "sitting-saved",
        )

    @post("/sittings/{sitting_id:int}/cancellation")
    async def cancel(self, request: AnyRequest, sitting_id: PathId) -> Template | Redirect:
        current = await sittings.get_sitting(sitting_id, include_links=True)
        form = await request.form()
        if not is_confirmed(form):
            return await self._ask(
                request,
                form,
                current.session_id,
                _("Cancel %(title)s?", title=current.title),
                _("Every approved delegate is sent a cancellation of the sitting in their calendar. "
                  "This cannot be undone."),
                _("Yes, cancel the sitting"),
            )
        return await self._run(
            request,
            current.session_id,
            Form(f"sitting-{sitting_id}"),
            lambda: sittings.cancel_sitting(request.user, sitting_id),
            "sitting-cancelled",
        )

