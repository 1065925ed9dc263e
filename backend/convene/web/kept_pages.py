"""Public pages for visitors who are not signed in: built once per change, answered from memory.

A visitor who is not signed in sees the same bytes at the same address as
every other such visitor (no name, no form token), so the page is kept in
the app's :class:`~convene.freshness.cache.BodyCache` under its validator's
ETag, with its gzipped form beside it, and a browser that holds it gets a
304. Anyone signed in gets a page built for them, never kept, as before.
"""

from __future__ import annotations

import gzip
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from litestar import Request, Response
from litestar.response import Template

from convene.freshness.memo import KeptPages
from convene.freshness.cache import BodyCache
from convene.freshness.conditional import Conditions, current_body, kept_gzip, validator_headers
from convene.freshness.validators import Validator
from convene.static_files import MINIMUM_TO_COMPRESS
from convene.translation import current_locale
from convene.web.rendering import render

AnyRequest = Request[Any, Any, Any]
Context = Callable[[], Awaitable[dict[str, Any]]]
VARY = "Accept-Encoding, Accept-Language, Cookie"
"""A signed-in visitor (a cookie) sees another page than everyone else; each language is a page."""


async def public_page(
    request: AnyRequest,
    pages: KeptPages,
    validator: Validator | None,
    template: str,
    context: Context,
) -> Response[bytes]:
    """The page at the request's address: kept, or (signed in, no validator) built as usual.

    Its route is marked ``UNCOMPRESSED``: the gzipped bytes come from here,
    kept beside the page, or compressed now for a page built for one person.
    """
    if request.user is not None or validator is None:
        built = await render(request, template, **await context())
        body = _rendered(request, built)
        return _html(request, body, _gzip_if_worth(body), built.status_code or 200, built.headers)
    locale = current_locale()
    validator = validator.varied(locale)  # a page held in French is not the English one
    key = ("page", locale, request.url.path, request.url.query)

    async def build() -> bytes:
        return _rendered(request, await render(request, template, **await context()))

    kept = await current_body(pages.bodies, key, validator, Conditions.of(request.headers), build)
    headers = validator_headers(validator, private=False) | {"Vary": VARY}
    page = pages.bodies.get(key, validator.etag) if kept is None else kept
    if page is None:  # the visitor holds a page this process no longer keeps
        return Response(b"", status_code=304, headers=headers)
    gzipped = kept_gzip(pages.bodies, key, validator.etag, page)
    pages.memo.remember(request.scope, validator.etag, page, gzipped, headers)  # for the next visitor
    if kept is None:  # the visitor holds this very page
        return Response(b"", status_code=304, headers=headers)
    return _html(request, page, gzipped, 200, headers)


def _rendered(request: AnyRequest, page: Template) -> bytes:
    """The page's HTML, as Litestar would send it (with the request and its form token)."""
    engine = request.app.template_engine
    assert engine is not None and page.template_name is not None
    return engine.get_template(page.template_name).render(**page.create_template_context(request)).encode()


def _html(
    request: AnyRequest,
    body: bytes,
    gzipped: bytes | None,
    status: int,
    headers: Mapping[str, str],
) -> Response[bytes]:
    headers = {**headers, "Vary": VARY}
    if gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
        body = gzipped
        headers["Content-Encoding"] = "gzip"
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        body = b""
    return Response(body, status_code=status, media_type="text/html", headers=headers)


def _gzip_if_worth(body: bytes) -> bytes | None:
    return gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= MINIMUM_TO_COMPRESS else None
