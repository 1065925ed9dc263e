"""HTTP for calendars: the feeds (``/calendar/...``) and the signed-in person's feed link.

Feeds are read by calendar programs, not browsers: no cookie, no token
header. The public ones are open to all; a personal feed is found by the
secret token in its URL, so its requests are left out of the request log.
Feeds answer HEAD as well as GET: some calendar programs ask HEAD first to
see whether a subscription changed.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, HttpMethod, Request, Response, delete, get, post, route
from litestar.di import NamedDependency
from litestar.params import FromPath, QueryParameter

from convene.bounds import PathId
from convene.accounts.guards import requires_sign_in
from convene.calendar import feeds, links
from convene.calendar.feeds import FeedAnswer
from convene.calendar.identity import CalendarIdentity
from convene.calendar.schemas import FeedLinkOut
from convene.freshness.cache import BodyCache
from convene.freshness.conditional import Conditions, validator_headers
from convene.meetings.vocabulary import Language
from convene.settings import Settings
from convene.translation import current_locale

AnyRequest = Request[Any, Any, Any]
AppSettings = NamedDependency[Settings]
Identity = NamedDependency[CalendarIdentity]
"""The app's calendar identity (its ``BASE_URL``, sender and default zone)."""
Cache = NamedDependency[BodyCache]
"""The app's built feeds."""
PRIVATE = {"skip_request_log": True}
"""The personal feed's URL is its credential: keep it out of the logs."""
GET_OR_HEAD = [HttpMethod.GET, HttpMethod.HEAD]
CALENDAR = "text/calendar"
"""What the feeds are, in the OpenAPI document and on the wire (with "; charset=utf-8")."""
FeedLanguage = Annotated[
    Language | None,
    QueryParameter(
        name="lang",
        description="The language of the feed's titles, bodies' names and agenda items: one of "
        "the six official languages (ar, zh, en, fr, ru, es). Without it: the request's language "
        "(Accept-Language), and for a personal feed its owner's language",
    ),
]


def feed_language(lang: Language | None) -> str:
    """The language asked for by ``?lang=``, else the request's own."""
    return lang.value if lang else current_locale()


def calendar_response(request: AnyRequest, answer: FeedAnswer) -> Response[bytes]:
    """The feed, its 304, or (for HEAD) the feed's headers alone, Content-Length included."""
    headers = validator_headers(answer.validator, private=answer.private)
    if answer.body is None:
        return Response(content=b"", status_code=304, headers=headers)
    headers["Content-Disposition"] = f'inline; filename="{answer.filename}"'
    body = answer.body
    if request.method == HttpMethod.HEAD:
        headers["Content-Length"] = str(len(body))
        body = b""
    # Litestar adds "; charset=utf-8" to text/ media types itself.
    return Response(content=body, media_type=CALENDAR, headers=headers)


class FeedController(Controller):
    path = "/calendar"
    tags = ["Calendars"]

    @route(
        "/sessions.ics",
        http_method=GET_OR_HEAD,
        media_type=CALENDAR,
        summary="Every published session, as all-day events (iCalendar feed)",
    )
    async def sessions(
        self, request: AnyRequest, calendar: Identity, feed_cache: Cache, lang: FeedLanguage = None
    ) -> Response[bytes]:
        conditions = Conditions.of(request.headers)
        return calendar_response(
            request,
            await feeds.sessions_feed(calendar, feed_cache, conditions, feed_language(lang)),
        )

    @route(
        "/bodies/{code:str}/sessions.ics",
        http_method=GET_OR_HEAD,
        media_type=CALENDAR,
        summary="One body's published sessions (iCalendar feed)",
    )
    async def body_sessions(
        self,
        request: AnyRequest,
        code: FromPath[str],
        calendar: Identity,
        feed_cache: Cache,
        lang: FeedLanguage = None,
    ) -> Response[bytes]:
        conditions = Conditions.of(request.headers)
        return calendar_response(
            request,
            await feeds.body_feed(calendar, feed_cache, code, conditions, feed_language(lang)),
        )

    @route(
        "/sessions/{session_id:int}/sittings.ics",
        http_method=GET_OR_HEAD,
        media_type=CALENDAR,
        summary="One session's sittings (iCalendar feed)",
    )
    async def session_sittings(
        self,
        request: AnyRequest,
        session_id: PathId,
        calendar: Identity,
        feed_cache: Cache,
        lang: FeedLanguage = None,
    ) -> Response[bytes]:
        conditions = Conditions.of(request.headers)
        return calendar_response(
            request,
            await feeds.session_feed(
                calendar, feed_cache, session_id, conditions, feed_language(lang)
            ),
        )

    @route(
        "/personal/{token:str}/sittings.ics",
        http_method=GET_OR_HEAD,
        media_type=CALENDAR,
        opt=PRIVATE,
        summary="A delegate's own sittings, behind the secret token of their feed link",
    )
    async def personal(
        self,
        request: AnyRequest,
        token: FromPath[str],
        calendar: Identity,
        feed_cache: Cache,
        lang: FeedLanguage = None,
    ) -> Response[bytes]:
        conditions = Conditions.of(request.headers)
        language = lang.value if lang else None  # else the owner's, not the calendar program's
        return calendar_response(
            request, await feeds.personal_feed(calendar, feed_cache, token, conditions, language)
        )


class FeedLinkController(Controller):
    path = "/api/me/calendar-feed"
    tags = ["Me"]
    guards = [requires_sign_in]

    @get("/", summary="Your personal calendar feed link (issued on first request)")
    async def get_link(self, request: AnyRequest, settings: AppSettings) -> FeedLinkOut:
        return await links.get_feed_link(request.user, settings)

    @post("/rotation", summary="Replace your feed link with a new one; the old one stops working")
    async def rotate_link(self, request: AnyRequest, settings: AppSettings) -> FeedLinkOut:
        return await links.rotate_feed_link(request.user, settings)

    @delete("/", summary="Revoke your feed link")
    async def revoke_link(self, request: AnyRequest) -> None:
        await links.revoke_feed_link(request.user)
