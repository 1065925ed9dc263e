"""Validators from one aggregate row, read on the cheapest path each engine offers.

On SQLite the query goes through :mod:`convene.freshness.sqlite_reads` (a
kept connection) rather than Piccolo's connection-per-query, which would
cost a 304 more CPU than sending the whole answer. On PostgreSQL, with the
app's pool open, it goes straight to asyncpg, whose statement cache keeps
the query prepared: no query building, no parsing or planning per request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine
from piccolo.querystring import QueryString

from convene.db import current_engine
from convene.freshness import sqlite_reads

SEPARATOR = "\x1e"
"""Between the parts of a digest (``char(30)``, the record separator)."""


@dataclass(frozen=True)
class Validator:
    etag: str
    """A weak ETag: the same content may travel gzip-compressed or not."""
    last_modified: datetime | None
    row: dict[str, Any]
    """The aggregate row, for what else the answer needs from it."""

    def varied(self, *parts: str) -> Validator:
        """The validator of another rendering of the same data (another language, say)."""
        tag = hashlib.sha256("|".join([self.etag, *parts]).encode()).hexdigest()[:32]
        return replace(self, etag=f'W/"{tag}"')


def on_sqlite() -> bool:
    return isinstance(current_engine(), SQLiteEngine)


def digest(expression: str, sqlite: bool) -> str:
    """An aggregate that changes whenever any row's ``expression`` does, on either engine."""
    if sqlite:
        return f"group_concat({expression}, char(30))"  # hashed (order-free) in Python
    return f"md5(string_agg({expression}, chr(30) ORDER BY {expression}))"


async def read_one(sql: str, *args: Any) -> dict[str, Any] | None:
    """The first row of ``sql`` (Piccolo's ``{}`` placeholders), on the engine's fastest path."""
    engine = current_engine()
    outside_transaction = engine.current_transaction.get() is None
    if isinstance(engine, SQLiteEngine) and outside_transaction:
        rows = await sqlite_reads.fetch(engine.path, sql.replace("{}", "?"), args)
    elif isinstance(engine, PostgresEngine) and engine.pool is not None and outside_transaction:
        rows = [dict(row) for row in await engine.pool.fetch(_numbered(sql), *args)]
    else:
        rows = await engine.run_querystring(QueryString(sql, *args))
    return rows[0] if rows else None


def _numbered(sql: str) -> str:
    """Piccolo's ``{}`` placeholders as PostgreSQL's ``$1``, ``$2``, ..."""
    parts = sql.split("{}")
    return "".join(part + (f"${n}" if n < len(parts) else "") for n, part in enumerate(parts, 1))


def validator_of(
    key: tuple[Hashable, ...], row: dict[str, Any], timestamps: tuple[str, ...], version: str
) -> Validator:
    """The ETag of everything ``row`` summarizes; Last-Modified from its ``timestamps`` columns.

    ``version`` names the way the answer is written: raise it when that
    changes, so clients holding the old bytes are sent the new ones.
    """
    summary = [version, *map(str, key)]
    for name in sorted(row):
        value = row[name]
        summary.append(f"{name}={_order_free(value) if name.startswith('digest_') else value}")
    etag = hashlib.sha256("|".join(summary).encode()).hexdigest()[:32]
    moments = [moment for name in timestamps if (moment := moment_of(row[name])) is not None]
    return Validator(etag=f'W/"{etag}"', last_modified=max(moments, default=None), row=row)


def _order_free(value: str | None) -> str:
    """SQLite's group_concat has no ORDER BY: sort its parts before hashing."""
    if value is None:
        return ""
    return hashlib.sha256(SEPARATOR.join(sorted(value.split(SEPARATOR))).encode()).hexdigest()


def moment_of(value: datetime | str | None) -> datetime | None:
    """A timestamp from either engine: a datetime (PostgreSQL) or ISO text (SQLite)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
