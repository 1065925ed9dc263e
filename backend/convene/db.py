"""Database engines, binding tables to them, and transactions that hold rules.

Piccolo normally finds one global engine through ``piccolo_conf``; Convene binds
every table to the engine built from the app's own settings instead, so that an
app (or a test) decides its database explicitly.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from piccolo.apps.migrations.tables import Migration
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.table import Table

SQLITE_PREFIX = "sqlite:///"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")


class DatabaseUrlError(ValueError):
    """DATABASE_URL names an engine Convene does not support."""


def create_engine(url: str) -> Engine:
    """Build a Piccolo engine from ``sqlite:///path`` or ``postgresql://...``."""
    if url.startswith(SQLITE_PREFIX):
        # A generous busy timeout: writers queue behind an IMMEDIATE transaction.
        return SQLiteEngine(path=url.removeprefix(SQLITE_PREFIX), timeout=30)
    if url.startswith(POSTGRES_PREFIXES):
        return PostgresEngine(config={"dsn": url})
    raise DatabaseUrlError("DATABASE_URL must start with sqlite:/// or postgresql://")


def bind_engine(engine: Engine, tables: Iterable[type[Table]]) -> None:
    """Point every table (and Piccolo's migration table) at ``engine``."""
    for table in (*tables, Migration):
        table._meta.db = engine


def current_engine() -> Engine:
    """The engine the tables are bound to (see :func:`bind_engine`)."""
    return Migration._meta.db


@asynccontextmanager
async def locked_transaction(*lock_names: str) -> AsyncIterator[None]:
    """A transaction in which checking a rule and writing cannot interleave.

    A rule such as "no two sittings in one room at once" or "no more than two
    delegates in person" is a read followed by a write; two requests doing that
    at once must be serialized. PostgreSQL takes transaction-scoped advisory
    locks named after what is being protected (so unrelated writes still run in
    parallel); SQLite, which has a single writer anyway, starts the transaction
    IMMEDIATE so the write lock is held from the first read.
    """
    engine = current_engine()
    if isinstance(engine, SQLiteEngine):
        async with engine.transaction(transaction_type=TransactionType.immediate):
            yield
        return
    async with engine.transaction():
        # Sorted, so two transactions wanting the same locks never deadlock.
        for key in sorted({_lock_key(name) for name in lock_names}):
            await Migration.raw("SELECT pg_advisory_xact_lock({})", key)
        yield


def _lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``pg_advisory_xact_lock``."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
