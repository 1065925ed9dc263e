"""The two cookies Convene sets: the web session and the anonymous CSRF token.

Outside development both are ``Secure`` and carry the ``__Host-`` prefix, which
browsers accept only from HTTPS, for the whole site, without a Domain: a
sibling sub-domain cannot plant one. Development serves plain HTTP on
127.0.0.1, where neither would be kept, so there they have plain names.
"""

from __future__ import annotations

from litestar.datastructures import Cookie

from convene.settings import Settings

SESSION_COOKIE = "convene_session"
CSRF_COOKIE = "convene_csrf"


def _name(base: str, settings: Settings) -> str:
    return base if settings.is_development else f"__Host-{base}"


def session_cookie_name(settings: Settings) -> str:
    return _name(SESSION_COOKIE, settings)


def csrf_cookie_name(settings: Settings) -> str:
    return _name(CSRF_COOKIE, settings)


def session_cookie(settings: Settings, key: str, max_age: int) -> Cookie:
    """HttpOnly (scripts never see it), SameSite=Lax (not sent on cross-site posts)."""
    return Cookie(
        key=session_cookie_name(settings),
        value=key,
        path="/",
        max_age=max_age,
        httponly=True,
        secure=not settings.is_development,
        samesite="lax",
    )


def cleared_session_cookie(settings: Settings) -> Cookie:
    return Cookie(
        key=session_cookie_name(settings),
        value="",
        path="/",
        max_age=0,
        httponly=True,
        secure=not settings.is_development,
        samesite="lax",
    )


def csrf_cookie(settings: Settings, token: str) -> Cookie:
    """The anonymous double-submit token; HttpOnly too, since pages embed it server-side."""
    return Cookie(
        key=csrf_cookie_name(settings),
        value=token,
        path="/",
        httponly=True,
        secure=not settings.is_development,
        samesite="lax",
    )
