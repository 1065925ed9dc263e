"""Public pages and feeds answered before the app's stack, shortly after their validator was read.

A session's page is read by hundreds of delegates in the minutes before a
sitting, and by the webcast's viewers; what they see changes a few times a
day; calendar programs poll the same feeds all day long.
:mod:`convene.web.kept_pages` and the feeds keep their bytes under their
ETag, but still ask the database for the validator on every request. The
memo remembers, per address, the ETag and bytes a visitor who is not signed
in (or a calendar program) was last given, and answers the same address (a 200, or a 304 for that
ETag) from memory, without routing, middleware or a query, for at most
``PAGE_MEMO_SECONDS`` (one by default) after the validator was read.

How current that is:
- a change committed by this process forgets every remembered page at once
  (the memo hears every domain event after commit), so whoever changed
  something and looks at the public page sees the change;
- a change committed elsewhere (another worker, another machine) reaches
  this process's visitors at once through the announcement of changes
  (:mod:`convene.live.changes`), and at the latest after ``PAGE_MEMO_SECONDS``,
  when the page's validator is read again;
- only requests with no session cookie and no API token are answered here;
  anyone signed in gets the page built for them;
- pages are remembered per language (:mod:`convene.languages`).

Answers from the memo leave no line in the request log: they are the same
page again, and the log stays the record of what the app itself did.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from litestar.datastructures import Headers
from litestar.types import HTTPResponseBodyEvent, HTTPResponseStartEvent, Scope, Send

from convene.freshness.cache import BodyCache
from convene.freshness.conditional import etag_matches
from convene.translation import current_locale

MAX_PAGES = 2048
"""Addresses remembered at most: a crawler's endless query strings cannot grow the memo."""


@dataclass(frozen=True)
class Remembered:
    etag: str
    body: bytes
    gzipped: bytes | None
    headers: tuple[tuple[bytes, bytes], ...]
    content_type: bytes
    until: float


@dataclass(frozen=True)
class KeptPages:
    """An app's public pages: their bytes by ETag, and the memo that answers before the app."""

    bodies: BodyCache
    memo: PageMemo


class PageMemo:
    """The pages of one app (one process), by address."""

    def __init__(
        self, cookie_name: str, fresh_for: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._cookie = cookie_name.encode() + b"="
        self.fresh_for = fresh_for
        """Seconds a remembered page is answered without reading its validator again."""
        self.clock = clock
        """Seconds, steadily increasing (tests move it on)."""
        self._pages: dict[bytes, Remembered] = {}

    def remember(
        self,
        scope: Scope,
        etag: str,
        body: bytes,
        gzipped: bytes | None,
        headers: dict[str, str],
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        if self.fresh_for <= 0:
            return
        if len(self._pages) >= MAX_PAGES:
            self._pages.clear()
        encoded = tuple((name.lower().encode(), value.encode()) for name, value in headers.items())
        self._pages[_address(scope)] = Remembered(
            etag, body, gzipped, encoded, content_type.encode(), self.clock() + self.fresh_for
        )

    async def forget_all(self, _event: object) -> None:
        """Something changed: every page is checked against the database on its next request."""
        self._pages.clear()

    async def answer(self, scope: Scope, send: Send) -> bool:
        """Answer the request from memory if it can be; False to let the app answer it."""
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            return False
        page = self._pages.get(_address(scope))
        if page is None or page.until < self.clock():
            return False
        headers = Headers.from_scope(scope)
        if "authorization" in headers or self._cookie in headers.get("cookie", "").encode():
            return False
        if "if-none-match" not in headers and "if-modified-since" in headers:
            return False  # a date to compare: the app's own conditions decide
        await _send(scope, send, page, headers)
        return True


def _address(scope: Scope) -> bytes:
    """The page's address, in the request's language (each language is its own page)."""
    return current_locale().encode() + b":" + scope["path"].encode() + b"?" + scope["query_string"]


async def _send(scope: Scope, send: Send, page: Remembered, request: Headers) -> None:
    headers = list(page.headers)
    if_none_match = request.get("if-none-match")
    if if_none_match is not None and etag_matches(if_none_match, page.etag):
        status, body = 304, b""
    else:
        status, body = 200, page.body
        if page.gzipped is not None and "gzip" in request.get("accept-encoding", ""):
            body = page.gzipped
            headers.append((b"content-encoding", b"gzip"))
        headers += [(b"content-type", page.content_type), (b"content-length", str(len(body)).encode())]
    start: HTTPResponseStartEvent = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    empty = scope.get("method") == "HEAD"
    end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": b"" if empty else body, "more_body": False}
    await send(end)
