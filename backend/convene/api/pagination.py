"""Long lists, one page at a time: ``?page=2&per_page=50&sort=-registered`` in,
``{items, total, page, per_page}`` out, with an ETag; the same for the API and the pages.

Every long list (sessions, registrations, delegations, the audit log, the outbox) is cut,
sorted and searched by the server, so an answer stays small however long the list grows.
A list route answers with :func:`fresh`: the page's JSON with a weak ETag of its bytes,
and a 304 to a client that holds them already.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

import msgspec
from litestar import Request, Response
from litestar.datastructures import ResponseHeader
from litestar.params import QueryParameter

from convene.freshness.conditional import etag_matches

T = TypeVar("T")

MAX_PAGE = 1_000_000
"""Far beyond any list here; what the database can still offset without overflowing."""
MOST_PER_PAGE = 200

PageNumber = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE, description="Page number, from 1")]
PerPage = Annotated[
    int, QueryParameter(ge=1, le=MOST_PER_PAGE, description="Results per page")
]

ETAG_HEADERS = [
    ResponseHeader(
        name="ETag",
        description="A weak validator of this page: send it as If-None-Match to get a 304",
        documentation_only=True,
    )
]
"""The list routes' ETag, as the API document states it."""


class Page(msgspec.Struct, Generic[T]):
    items: list[T]
    total: int
    """How many match in all, on every page."""
    page: int
    per_page: int


def offset(page: int, per_page: int) -> int:
    return (page - 1) * per_page


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` results fill (at least one, even when empty)."""
    return max(1, -(-total // per_page))


def cut(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    """One page of a list already sorted (by the server, in whatever way it must)."""
    start = offset(page, per_page)
    return Page(list(items[start : start + per_page]), len(items), page, per_page)


@dataclass(frozen=True)
class Sort:
    """A list's order as its address names it: ``name``, or ``-name`` for the reverse."""

    key: str
    descending: bool = False

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending else self.key

    def apply(self, items: list[T], keys: dict[str, Callable[[T], Any]]) -> list[T]:
        """``items`` sorted by this order's key; ties keep the order they came in."""
        return sorted(items, key=keys[self.key], reverse=self.descending)


def sort_of(value: str | None, allowed: Collection[str], default: str) -> Sort:
    """The order asked for, if it is one of ``allowed``; otherwise ``default`` (``-`` allowed)."""
    for wanted in (value or "", default):
        key = wanted.removeprefix("-")
        if key in allowed:
            return Sort(key, wanted.startswith("-"))
    raise ValueError(default)


def sort_parameter(*keys: str) -> Any:
    """The ``sort`` query parameter of a list whose orders are ``keys`` (for the API document)."""
    return QueryParameter(
        name="sort",
        pattern=f"^-?({'|'.join(keys)})$",
        description=f"The order: one of {', '.join(keys)}; a leading - reverses it",
    )


def fresh(request: Request[Any, Any, Any], value: Any) -> Response[Any]:
    """``value`` as JSON with a weak ETag of its bytes; 304 (no body) when the client holds them."""
    body = msgspec.json.encode(value)
    etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    held = request.headers.get("if-none-match")
    if held is not None and etag_matches(held, etag):
        return Response(b"", status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
