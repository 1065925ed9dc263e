"""Pages for everyone: the sessions, upcoming and past, and one session's page.

Drafts exist only for the secretariat (the services answer 404 to anyone
else); online join links never appear here, whoever looks.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter

from convene.accounts.guards import is_secretariat
from convene.agenda.services import get_agenda
from convene.api.pagination import Page, PageNumber, cut
from convene.bounds import PathId
from convene.collation import folded
from convene.compression import UNCOMPRESSED
from convene.freshness.memo import KeptPages
from convene.meetings import officers
from convene.meetings.bodies import list_bodies
from convene.meetings.services import SessionFilters, get_session, list_sessions
from convene.meetings.vocabulary import SessionFormat
from convene.reports.participants import build_participants
from convene.reports.schemas import DelegationEntry, ParticipantsReport
from convene.reports.vocabulary import ListVersion
from convene.settings import Settings
from convene.sittings.services import list_sittings
from convene.templating import gettext as _
from convene.web.kept_pages import public_page
from convene.web.public_validators import session_page_validator, sessions_page_validator

AnyRequest = Request[Any, Any, Any]
AppSettings = NamedDependency[Settings]
PageCache = NamedDependency[KeptPages]
"""The app's kept public pages."""
PER_PAGE = 20
DELEGATIONS_PER_PAGE = 30
"""Delegations of a list of participants on one page of the session's page."""


def delegations_page(
    report: ParticipantsReport, search: str, page: int
) -> Page[tuple[str, DelegationEntry]]:
    """A page of the list's delegations (each with its group's heading), those whose name or
    one of whose persons' names contains ``search``."""
    wanted = folded(search)
    found = [
        (group.heading, delegation)
        for group in report.groups
        for delegation in group.delegations
        if wanted in folded(delegation.name)
        or any(wanted in folded(person.full_name) for person in delegation.persons)
    ]
    return cut(found, page, DELEGATIONS_PER_PAGE)


def _filters(
    when: str | None, body: str | None, session_format: str | None, year: str | None
) -> tuple[SessionFilters, dict[str, str]]:
    """The list's filters from the query; a filter that makes no sense is named, not ignored."""
    errors: dict[str, str] = {}
    formats = {f.value for f in SessionFormat}
    if session_format and session_format not in formats:
        errors["format"] = _("Choose one of the formats")
    number: int | None = None
    if year:
        if year.strip().isdigit() and 1945 <= int(year) <= 2100:
            number = int(year)
        else:
            errors["year"] = _("Enter a year such as 2020")
    filters = SessionFilters(
        when="past" if when == "past" else "upcoming",
        body=body or None,
        format=session_format if session_format in formats else None,
        year=number,
    )
    return filters, errors


def webcal(settings: Settings, path: str) -> str:
    """A feed's address as ``webcal://``: a click opens the device's calendar to subscribe."""
    return "webcal://" + settings.base_url.split("://", 1)[1] + path


class PublicPages(Controller):
    include_in_schema = False

    @get("/", opt={UNCOMPRESSED: True})
    async def sessions(
        self,
        request: AnyRequest,
        settings: AppSettings,
        page_cache: PageCache,
        when: FromQuery[str | None] = None,
        body_code: Annotated[str | None, QueryParameter(name="body")] = None,
        session_format: Annotated[str | None, QueryParameter(name="format")] = None,
        year: FromQuery[str | None] = None,
        page: PageNumber = 1,
    ) -> Response[bytes]:
        filters, errors = _filters(when, body_code, session_format, year)
        page = max(page, 1)

        async def context() -> dict[str, Any]:
            items, total = await list_sessions(
                filters, page=page, per_page=PER_PAGE, include_drafts=is_secretariat(request.user)
            )
            return {
                "status_code": 400 if errors else 200,
                "sessions": items,
                "total": total,
                "page": page,
                "pages": max(1, -(-total // PER_PAGE)),
                "filters": filters,
                "year": year or "",
                "body_options": [(body.code, body.name) for body in await list_bodies()],
                "errors": errors,
                "feed": "/calendar/sessions.ics",
                "feed_webcal": webcal(settings, "/calendar/sessions.ics"),
            }

        validator = None if errors else await sessions_page_validator()
        return await public_page(request, page_cache, validator, "web/public/sessions.html", context)

    @get("/sessions/{session_id:int}", opt={UNCOMPRESSED: True})
    async def session(
        self,
        request: AnyRequest,
        session_id: PathId,
        settings: AppSettings,
        page_cache: PageCache,
        page: PageNumber = 1,
        q: Annotated[str | None, QueryParameter(max_length=100)] = None,
    ) -> Response[bytes]:
        async def context() -> dict[str, Any]:
            session = await get_session(session_id, include_private=is_secretariat(request.user))
            sittings = await list_sittings(session_id, include_links=False)
            participants = (
                await build_participants(session, ListVersion.PROVISIONAL)
                if session.participants_published
                else None
            )
            feed = f"/calendar/sessions/{session_id}/sittings.ics"
            return {
                "session": session,
                "officers": await officers.list_officers(session_id),
                "agenda": await get_agenda(session_id),
                "sittings": sittings,
                "opening": next((s for s in sittings if s.status == "scheduled"), None),
                "participants": participants,
                "delegations": None if participants is None else delegations_page(
                    participants, (q or "").strip(), page
                ),
                "q": (q or "").strip(),
                "feed": feed,
                "feed_webcal": webcal(settings, feed),
            }

        validator = await session_page_validator(session_id)
        return await public_page(request, page_cache, validator, "web/public/session.html", context)
