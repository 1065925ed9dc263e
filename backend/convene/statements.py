"""Statements whose text does not grow with their values: lists, on PostgreSQL, go as arrays.

asyncpg prepares a statement once per text and per connection (a round trip, and parsing
its description) and keeps the last hundred. ``IN ({}, {}, …)`` or ``VALUES (…), (…), …``
written out for each value made every size of list its own statement: the door's turns,
whose size varies with how many scans wait, prepared most of their statements anew, on each
pooled connection, and pushed the others out of the cache. Here a list is one array
argument (``= ANY({})``, ``unnest({}, …)``), and a statement has one text.

SQLite has no arrays and no prepared statements to spare: it is given the list written out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from typing import Any

from piccolo.columns import Column
from piccolo.columns.combination import WhereRaw
from piccolo.engine.postgres import PostgresEngine
from piccolo.table import Table

from convene.db import current_engine

VALUES_PER_STATEMENT = 30_000
"""SQLite takes at most 32,766 values in one statement."""


def _arrays() -> bool:
    return isinstance(current_engine(), PostgresEngine)


def among(values: Collection[Any]) -> tuple[str, list[Any]]:
    """The condition "is one of ``values``" for a plain query: the SQL that follows the
    column, and its arguments (``{}`` placeholders, as Piccolo's ``raw`` takes them)."""
    if _arrays():
        return "= ANY({})", [list(values)]
    return "IN (" + ", ".join(["{}"] * len(values)) + ")", list(values)


def is_among(column: Column, values: Collection[Any]) -> WhereRaw:
    """``column.is_in(values)``, for Piccolo's ``where``, with one text whatever the values."""
    condition, arguments = among(values)
    return WhereRaw(f"{column._meta.get_full_name(with_alias=False)} {condition}", *arguments)


async def insert_rows(
    table: type[Table],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    returning: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Insert ``rows`` (values in the order of the column ``names``) in plain statements; the
    ``returning`` columns of the rows written.

    Piccolo's insert builds a table object and a query string for every row, which cost the
    door more than the database took to write a turn's scans, while its lock was held.
    """
    if not rows:
        return []
    if _arrays():
        query = _unnested(table, tuple(names), tuple(returning))
        return await table.raw(query, *(list(column) for column in zip(*rows, strict=True)))
    into, answer = _into(table, names), _returning(returning)
    row = "(" + ", ".join(["{}"] * len(names)) + ")"
    at_once = VALUES_PER_STATEMENT // len(names)
    written: list[dict[str, Any]] = []
    for start in range(0, len(rows), at_once):
        chunk = rows[start : start + at_once]
        query = f"{into} VALUES {', '.join([row] * len(chunk))}{answer}"
        written += await table.raw(query, *(value for values in chunk for value in values))
    return written


@cache
def _unnested(table: type[Table], names: tuple[str, ...], returning: tuple[str, ...]) -> str:
    """The insert of one array per column, zipped back into rows by unnest, in their order.

    Kept: Piccolo takes longer to tell a foreign key's type than the database to insert a row.
    """
    types = [table._meta.get_column_by_name(name).column_type for name in names]
    arrays = ", ".join(f"{{}}::{column_type}[]" for column_type in types)
    return f"{_into(table, names)} SELECT * FROM unnest({arrays}){_returning(returning)}"


def _into(table: type[Table], names: Sequence[str]) -> str:
    return f"INSERT INTO {table._meta.tablename} (" + ", ".join(f'"{n}"' for n in names) + ")"


def _returning(names: Sequence[str]) -> str:
    return " RETURNING " + ", ".join(f'"{name}"' for name in names) if names else ""
