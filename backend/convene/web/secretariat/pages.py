"""What the secretariat's pages share: their guard, their session, how a refused post is shown.

Kept in one place so that every secretariat page is guarded the same way and every refused
post is shown back the same way (the message beside its field, with what was typed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from litestar import Controller
from litestar.response import Redirect, Template

from convene.accounts.guards import requires_secretariat
from convene.entities.schemas import EntityOut
from convene.entities.services import entity_named, list_entities
from convene.meetings import services
from convene.meetings.schemas import SessionOut
from convene.web.confirmation import Question, ask_first
from convene.web.forms import REFUSED, Action, FormErrors, Refusals, post_form
from convene.templating import gettext as _
from convene.web.rendering import AnyRequest, render, see_other

Errors = dict[str, dict[str, str]]
"""A page's form errors by form (its scope), then by field."""


class SecretariatController(Controller):
    """Pages for the secretariat only, and not part of the API's schema."""

    path = "/secretariat"
    include_in_schema = False
    guards = [requires_secretariat]


async def session_of(session_id: int) -> SessionOut:
    """The session a page manages, drafts and private fields (its titles in every language and
    the secretariat's corrections) included; 404 if there is none."""
    return await services.get_session(session_id, include_private=True, all_languages=True)


async def sessions_in_hand(
    search: str | None = None, *, page: int = 1, per_page: int = 50, newest_first: bool = True
) -> tuple[list[SessionOut], int]:
    """A page of the sessions (drafts included), newest first, and how many match in all."""
    return await services.list_sessions(
        services.SessionFilters(search=search or None),
        page=page,
        per_page=per_page,
        include_drafts=True,
        newest_first=newest_first,
    )


async def session_choices() -> list[tuple[int, str]]:
    """Every session, newest first, as (id, title): for a list to type a session's name into."""
    sessions, _total = await sessions_in_hand(per_page=100_000)
    return [(session.id, session.title) for session in sessions]


async def every_entity() -> list[EntityOut]:
    """Every entity, for the pages' lists of States and delegations to choose from."""
    entities, _total = await list_entities(
        category=None, regional_group=None, search=None, page=1, per_page=10_000
    )
    return entities


async def entity_chosen(values: dict[str, str]) -> dict[str, Any]:
    """The form's values with the entity typed by its name (``entity_id``, from a list of 200
    and more, not a drop-down) as its id; a name no entity has is a mistake in that field."""
    named = values.get("entity_id", "")
    if not named or named.isdigit():
        return values
    entity_id = await entity_named(named)
    if entity_id is None:
        message = _("No entity is called “%(name)s”: choose one from the list", name=named)
        raise FormErrors({"entity_id": message})
    return values | {"entity_id": entity_id}


@dataclass(frozen=True)
class Form:
    """A posted form of a page: its scope on the page, what was typed, the fields it has."""

    scope: str | None
    """Which of the page's forms (None when the page has only one)."""
    values: dict[str, Any] | None = None
    """What was typed, to show again; None shows what is stored."""
    fields: tuple[str, ...] = ()

    def shown(self, failure: FormErrors) -> tuple[dict[str, Any], dict[str, Any]]:
        """The errors and the values to show the page again with."""
        if self.scope is None:
            return failure.errors, self.values or {}
        kept = {} if self.values is None else {self.scope: self.values}
        return {self.scope: failure.errors}, kept


class SessionSubpage(SecretariatController):
    """One page of a session's management (agenda, sittings, officers) and its forms' posts.

    The page is ``web/secretariat/{section}.html`` at ``/secretariat/sessions/{id}/{section}``.
    A subclass says what else the page shows (:meth:`_context`) and which refusals it shows
    beside a field rather than as a page of its own (:attr:`refused`).
    """

    section: ClassVar[str]
    refused: ClassVar[Refusals] = REFUSED

    async def _context(self, session_id: int) -> dict[str, Any]:
        """What else the page shows (each page says); the session, errors and values come anyway."""
        return {}

    async def _page(
        self,
        request: AnyRequest,
        session_id: int,
        status: int = 200,
        errors: dict[str, Any] | None = None,
        values: dict[str, Any] | None = None,
    ) -> Template:
        session = await session_of(session_id)
        return await render(
            request,
            f"web/secretariat/{self.section}.html",
            status,
            session=session,
            errors=errors or {},
            values=values or {},
            **await self._context(session_id),
        )

    async def _run(
        self,
        request: AnyRequest,
        session_id: int,
        form: Form,
        action: Action,
        notice: str,
    ) -> Template | Redirect:
        """Make the change and go back to the page naming it, or show the page with the refusal."""
        return await post_form(
            action,
            then=lambda _: self._back(session_id, notice),
            again=lambda failure: self._page(
                request, session_id, failure.status_code, *form.shown(failure)
            ),
            fields=form.fields,
            refused=self.refused,
        )

    async def _ask(
        self, request: AnyRequest, form: Any, session_id: int, heading: str, consequence: str, yes: str
    ) -> Template:
        """Ask before a change that cannot be undone; "No" leads back to this page."""
        back = f"/secretariat/sessions/{session_id}/{self.section}"
        return await ask_first(request, form, Question(heading, consequence, yes, back))

    def _back(self, session_id: int, notice: str) -> Redirect:
        """To the page after a change, naming what happened."""
        return see_other(f"/secretariat/sessions/{session_id}/{self.section}", notice)
