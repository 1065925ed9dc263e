"""Pages of results: ``?page=2&per_page=50`` in, ``{items, total, page, per_page}`` out."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

import msgspec
from litestar.params import QueryParameter

T = TypeVar("T")

MAX_PAGE = 1_000_000
"""Far beyond any list here; what the database can still offset without overflowing."""

PageNumber = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE, description="Page number, from 1")]
PerPage = Annotated[int, QueryParameter(ge=1, le=200, description="Results per page")]


class Page(msgspec.Struct, Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int


def offset(page: int, per_page: int) -> int:
    return (page - 1) * per_page
