"""Who is calling, and is a cookie-borne write really theirs: one ASGI middleware.

Authentication puts the account (or None) in ``scope["user"]`` and how it was
proved in ``scope["auth"]``: ``"token"`` for a personal API token (Bearer),
``"session"`` for a web-session cookie, None for the public. Public pages are
open to everyone, so a request without credentials is let through as
anonymous; a request with a bad token is refused with 401 rather than quietly
treated as public, so an integration notices a revoked token. A stale session
cookie, by contrast, just means "signed out": the browser is shown the page.

CSRF: a browser sends cookies on its own, so a cookie proves nothing about
intent; a write must also carry a CSRF token, in an ``X-CSRF-Token`` (or
``X-CSRFToken``) header or a ``_csrf_token`` form field:

- signed in with a session cookie: every write (POST, PUT, PATCH, DELETE) must
  carry the session's own token, kept server-side (synchronizer token);
- anonymous form posts (sign-in, reset, invitation: "login CSRF" would sign a
  victim's browser in as the attacker) must carry the value of the
  ``convene_csrf`` cookie (double-submit), set on any HTML page shown to a
  visitor without one. Only form-like bodies (url-encoded, multipart, plain
  text) are checked: another site can make a browser send nothing else
  without a CORS preflight, which Convene never grants, and an anonymous JSON
  or body-less write has no credentials to abuse (it gets its 401 from the
  route's guard);
- with an API token (Bearer): never. A browser does not add a Bearer header
  on its own, so a token-authenticated call cannot be forged cross-site.

The token of the request is placed where Litestar's templates look for it, so
``{{ csrf_input | safe }}`` or ``{{ csrf_token() }}`` in a form just works.

Once the account is known, the rest of the request is answered in the
language saved on it (``Account.language``), whatever the browser says.
"""

from __future__ import annotations

import secrets
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

from convene.accounts.cookies import csrf_cookie, csrf_cookie_name, session_cookie_name
from convene.accounts.services import account_for_token
from convene.accounts.tables import Account
from convene.accounts.web_sessions import ActiveSession, session_for_key
from convene.settings import Settings
from convene.translation import LANGUAGES, gettext, using_locale

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_HEADERS = ("x-csrf-token", "x-csrftoken")
CSRF_FORM_FIELD = "_csrf_token"
WEB_SESSION_KEY = "convene.web_session"
"""``scope[WEB_SESSION_KEY]``: the :class:`ActiveSession` of a cookie-authenticated request."""
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
SIMPLE_TYPES = (*FORM_TYPES, "text/plain")
"""The bodies another site can make a browser post without a CORS preflight."""


class AuthenticationMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    @staticmethod
    def should_bypass_for_scope(scope: Scope) -> bool:
        """Stylesheets and images are the same for everyone: no session lookup for them."""
        return scope["path"].startswith("/static/")

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        settings: Settings = scope["litestar_app"].state.settings
        request = scope["litestar_app"].request_class(scope=scope, receive=receive)
        scope["user"] = None
        scope["auth"] = None
        token = _bearer_token(scope)
        if token is not None:
            await _authenticate_token(scope, token)
            with _saved_language(scope["user"]):
                await next_app(scope, receive, send)
            return
        session = await _authenticate_cookie(
            scope, request.cookies.get(session_cookie_name(settings))
        )
        anonymous_token = request.cookies.get(csrf_cookie_name(settings)) or ""
        expected = session.csrf_token if session else anonymous_token
        if _needs_csrf(request.method, session, request.headers.get("content-type", "")):
            await _check_csrf(request, expected)
        if session is None and not anonymous_token:
            expected = secrets.token_urlsafe(32)
            send = _setting_csrf_cookie(send, settings, expected)
        ScopeState.from_scope(scope).csrf_token = expected
        with _saved_language(scope["user"]):
            await next_app(scope, receive, send)


def _saved_language(account: Account | None) -> AbstractContextManager[object]:
    """The signed-in person's saved language wins over the cookie and the browser's.

    (See :mod:`convene.languages` for the rest of the order.)
    """
    if account is not None and account.language in LANGUAGES:
        return using_locale(account.language)
    return nullcontext()


async def _authenticate_token(scope: Scope, token: str) -> None:
    account = await account_for_token(token)
    if account is None:
        raise NotAuthorizedException(
            gettext("The API token is not valid or has been revoked"),
            headers={"WWW-Authenticate": "Bearer"},
        )
    scope["user"] = account
    scope["auth"] = "token"


async def _authenticate_cookie(scope: Scope, key: str | None) -> ActiveSession | None:
    session = await session_for_key(key) if key else None
    if session is not None:
        scope["user"] = session.account
        scope["auth"] = "session"
        scope[WEB_SESSION_KEY] = session  # type: ignore[literal-required]
    return session


def _needs_csrf(method: str, session: ActiveSession | None, content_type: str) -> bool:
    if method in SAFE_METHODS:
        return False
    return session is not None or content_type.lower().startswith(SIMPLE_TYPES)


async def _check_csrf(request: Any, expected: str) -> None:
    """Refuse a write whose CSRF token is missing or is not the expected one."""
    given = next((request.headers[name] for name in CSRF_HEADERS if name in request.headers), None)
    if given is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await request.form()
        given = form.get(CSRF_FORM_FIELD)
    if not expected or not isinstance(given, str) or not secrets.compare_digest(given, expected):
        raise PermissionDeniedException(
            gettext("The CSRF token is missing or wrong: reload the page and try again"),
            extra={"errors": [{"field": CSRF_FORM_FIELD, "message": gettext("missing or wrong")}]},
        )


def _setting_csrf_cookie(send: Send, settings: Settings, token: str) -> Send:
    """Set the anonymous CSRF cookie on HTML pages (where forms live), not on API answers."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableScopeHeaders.from_message(message)
            if headers.get("content-type", "").startswith("text/html"):
                headers.add("set-cookie", csrf_cookie(settings, token).to_header(header=""))
        await send(message)

    return wrapped


def _bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip()
    return None


def web_session_of(scope: Scope) -> ActiveSession | None:
    """The web session of a cookie-authenticated request, if any."""
    return scope.get(WEB_SESSION_KEY)  # type: ignore[return-value]
