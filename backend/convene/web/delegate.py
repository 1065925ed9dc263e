"""A delegate's own page: the sessions they are registered for, their sittings, their calendar link.

Registrations are found by the signed-in person's e-mail address, as the
calendar feeds find them. A delegate whose online registration is approved gets their own
join link for each sitting (it records their presence, then gives the platform's link).
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.response import Redirect, Template

from convene.accounts.guards import requires_sign_in
from convene.calendar.links import get_feed_link, rotate_feed_link
from convene.delegations.schemas import RegistrationOut
from convene.delegations.views import my_registrations
from convene.meetings.services import get_session
from convene.presence.online import join_path, join_token
from convene.settings import Settings
from convene.sittings.schemas import SittingOut
from convene.sittings.services import list_sittings
from convene.templating import gettext as _
from convene.web.confirmation import Question, ask_first, is_confirmed
from convene.web.rendering import render, see_other

AnyRequest = Request[Any, Any, Any]
AppSettings = NamedDependency[Settings]
ONLINE = {"online_speaking", "online_listening"}
SHOWN = {"submitted", "approved", "waitlisted"}


def join_links(
    registration: RegistrationOut, sittings: list[SittingOut], settings: Settings
) -> dict[int, str]:
    """Each live sitting's personal join link, for a delegate approved online.

    The link is the person's own (see :mod:`convene.presence.online`): following it records
    that they joined and gives the platform's link of their mode, so someone without a
    speaking place never sees the speaking link.
    """
    if registration.status != "approved" or registration.mode not in ONLINE:
        return {}
    return {
        sitting.id: settings.base_url
        + join_path(join_token(settings.secret_key, registration.id, sitting.id))
        for sitting in sittings
        if sitting.status == "scheduled"
    }


class DelegatePages(Controller):
    include_in_schema = False
    guards = [requires_sign_in]

    @get("/my")
    async def mine(self, request: AnyRequest, settings: AppSettings) -> Template:
        entries = []
        for registration in await my_registrations(request.user):
            if registration.status not in SHOWN:
                continue
            session = await get_session(registration.session_id, include_private=True)
            sittings = await list_sittings(session.id, include_links=True)
            links = join_links(registration, sittings, settings)
            entries.append((registration, session, sittings, links))
        entries.sort(key=lambda entry: entry[1].start_date)
        return await render(
            request,
            "web/delegate/home.html",
            entries=entries,
            feed=await get_feed_link(request.user, settings),
        )

    @post("/my/calendar-link/rotation")
    async def rotate(self, request: AnyRequest, settings: AppSettings) -> Template | Redirect:
        form = await request.form()
        if not is_confirmed(form):
            return await ask_first(
                request,
                form,
                Question(
                    _("Replace your calendar link?"),
                    _("The link you have now stops working at once: every calendar that "
                      "subscribed with it must subscribe again with the new one."),
                    _("Yes, replace the link"),
                    "/my",
                ),
            )
        await rotate_feed_link(request.user, settings)
        return see_other("/my", "link-rotated")
