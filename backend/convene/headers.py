"""Security headers on every response, pages, API, files and errors alike.

The pages load scripts, styles and images from this site only and run no
inline script, so the Content-Security-Policy can say exactly that; no page
may be framed (clickjacking). HSTS only in production, where the site is
served over HTTPS: a development server on http://127.0.0.1 must stay usable.
"""

from __future__ import annotations

from litestar.types import BeforeMessageSendHookHandler, Message, Scope

from convene.settings import Settings

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HSTS = "max-age=63072000; includeSubDomains"
"""Two years, as browsers' preload lists expect."""


def security_headers(settings: Settings) -> BeforeMessageSendHookHandler:
    """A hook that adds the headers to the start of every HTTP response the app sends.

    A hook on the app's ``send`` rather than Litestar's ``response_headers``:
    it also reaches static files and the errors raised before any route matched.
    """
    headers = [
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]
    if settings.is_production:
        headers.append((b"strict-transport-security", HSTS.encode()))

    async def add_headers(message: Message, _scope: Scope) -> None:
        if message["type"] == "http.response.start":
            present = [(name, value) for name, value in message.get("headers", ())]
            given = {name.lower() for name, _ in present}  # a route's own, stricter choice stands
            message["headers"] = present + [header for header in headers if header[0] not in given]

    return add_headers
