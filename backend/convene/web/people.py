"""Inviting people from the web: focal points (per entity) and delegates, and the invitations
still waiting for a password, to send again or take back.

The secretariat invites anyone to any entity; a focal point invites delegates of their own
entity and sees only theirs, as the invitation services decide
(:mod:`convene.accounts.links`, :mod:`convene.accounts.invitations`). The link itself goes
out by e-mail through the outbox; the secretariat reads it on the outbox page.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from convene.accounts.guards import is_secretariat, requires_secretariat_or_focal_point
from convene.accounts.invitations import pending_invitations, resend_invitation, revoke_invitation
from convene.accounts.links import invite
from convene.accounts.roles import Role
from convene.accounts.schemas import InvitationIn
from convene.bounds import PathId
from convene.errors import NotFound
from convene.settings import Settings
from convene.templating import gettext as _
from convene.web.confirmation import Question, ask_first, is_confirmed
from convene.web.forms import REFUSED, convert, optional, post_form, require, text
from convene.web.rendering import AnyRequest, render, see_other
from convene.web.secretariat.pages import every_entity

AppSettings = NamedDependency[Settings]
PAGE = "/people/invitations"
INVITE_FIELDS = ("full_name", "email", "role", "entity_id")
ROLE_CHOICES = {
    Role.FOCAL_POINT.value: "Focal point of the entity",
    Role.DELEGATE.value: "Delegate",
    Role.SECRETARIAT.value: "Secretariat",
}


def role_options(viewer: Any) -> list[tuple[str, str]]:
    """The roles the viewer may invite to: a focal point invites delegates only."""
    if not is_secretariat(viewer):
        return [(Role.DELEGATE.value, _(ROLE_CHOICES[Role.DELEGATE.value]))]
    return [(value, _(label)) for value, label in ROLE_CHOICES.items()]


class PeoplePages(Controller):
    include_in_schema = False
    guards = [requires_secretariat_or_focal_point]

    @get(PAGE)
    async def invitations(
        self,
        request: AnyRequest,
        entity_id: FromQuery[str | None] = None,
        role: FromQuery[str | None] = None,
    ) -> Template:
        chosen = {
            "entity_id": entity_id if entity_id and entity_id.isdigit() else "",
            "role": role if role in ROLE_CHOICES else Role.FOCAL_POINT.value,
        }
        return await self._page(request, values=chosen)

    async def _page(
        self,
        request: AnyRequest,
        status_code: int = 200,
        errors: dict[str, dict[str, str]] | None = None,
        values: dict[str, str] | None = None,
    ) -> Template:
        viewer = request.user
        entities = (
            [(e.id, e.short_name) for e in await every_entity()] if is_secretariat(viewer) else []
        )
        return await render(
            request,
            "web/people/invitations.html",
            status_code,
            invitations=await pending_invitations(viewer),
            roles=role_options(viewer),
            entities=entities,
            errors=errors or {},
            values=values or {"role": role_options(viewer)[0][0]},
        )

    @post(PAGE)
    async def send(self, request: AnyRequest, settings: AppSettings) -> Template | Redirect:
        form = await request.form()
        values = {name: text(form, name) for name in INVITE_FIELDS}
        return await post_form(
            lambda: self._invite(request, values, settings),
            then=lambda _sent: see_other(PAGE, "invitation-sent"),
            again=lambda failure: self._page(
                request, failure.status_code, {"invite": failure.errors}, values
            ),
            fields=INVITE_FIELDS,
        )

    async def _invite(
        self, request: AnyRequest, values: dict[str, str], settings: Settings
    ) -> None:
        needed = {"full_name": _("Enter the person's name"), "email": _("Enter the e-mail address")}
        if is_secretariat(request.user) and values["role"] != Role.SECRETARIAT.value:
            needed["entity_id"] = _("Choose the entity the person works for")
        require(values, needed)
        given = optional(values, *INVITE_FIELDS)
        if values["role"] == Role.SECRETARIAT.value:
            given.pop("entity_id", None)
        await invite(request.user, convert(given, InvitationIn), settings)

    @post(PAGE + "/{account_id:int}/resending")
    async def resend(
        self, request: AnyRequest, account_id: PathId, settings: AppSettings
    ) -> Template | Redirect:
        return await post_form(
            lambda: resend_invitation(request.user, account_id, settings),
            then=lambda _sent: see_other(PAGE, "invitation-resent"),
            again=lambda failure: self._page(
                request, failure.status_code, {"pending": failure.errors}
            ),
            refused=(*REFUSED, NotFound),
        )

    @post(PAGE + "/{account_id:int}/revocation")
    async def revoke(self, request: AnyRequest, account_id: PathId) -> Template | Redirect:
        form = await request.form()
        if not is_confirmed(form):
            return await ask_first(
                request,
                form,
                Question(
                    _("Take back this invitation?"),
                    _("The link sent stops working at once. The person can be invited again."),
                    _("Yes, take it back"),
                    PAGE,
                ),
            )
        return await post_form(
            lambda: revoke_invitation(request.user, account_id),
            then=lambda _done: see_other(PAGE, "invitation-revoked"),
            again=lambda failure: self._page(
                request, failure.status_code, {"pending": failure.errors}
            ),
            refused=(*REFUSED, NotFound),
        )
