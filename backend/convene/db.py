"""Database engines, binding tables to them, and transactions that hold rules.

Piccolo normally finds one global engine through ``piccolo_conf``; Convene binds
every table to the engine built from the app's own settings instead, so that an
app (or a test) decides its database explicitly. Piccolo ties each table class
to one engine, yet two apps with different databases can run in one process:
while an app serves a request or runs its lifespan, its engine is the current
one (:func:`using_engine`), and the tables answer with it; code that runs
outside any app (tests' fixtures, the CLI) uses the engine bound last.
"""

from __future__ import annotations

import hashlib
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
)
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager, nullcontext
from contextvars import ContextVar
from typing import Any

from piccolo.apps.migrations.tables import Migration
from piccolo.columns import Column
from piccolo.engine.base import Engine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.table import Table, TableMeta

from convene.postgres import ConvenePostgresEngine
from convene.sqlite import ConveneSQLiteEngine

SQLITE_PREFIX = "sqlite:///"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")

_app_engine: ContextVar[Engine | None] = ContextVar("convene_app_engine", default=None)
_after_commit: ContextVar[list[Callable[[], Awaitable[None]]] | None] = ContextVar(
    "convene_after_commit", default=None
)
Rows = list[Any]
_at_commit: ContextVar[dict[str, tuple[Rows, Callable[[Rows], Awaitable[None]]]] | None] = (
    ContextVar("convene_at_commit", default=None)
)


class DatabaseUrlError(ValueError):
    """DATABASE_URL names an engine Convene does not support."""


class OutsideTransaction(RuntimeError):
    """Work that must follow a commit was asked for where no Convene transaction is open."""


def create_engine(url: str) -> Engine:
    """Build a Piccolo engine from ``sqlite:///path`` or ``postgresql://...``."""
    if url.startswith(SQLITE_PREFIX):
        # A generous busy timeout: writers queue behind an IMMEDIATE transaction.
        return ConveneSQLiteEngine(path=url.removeprefix(SQLITE_PREFIX), timeout=30)
    if url.startswith(POSTGRES_PREFIXES):
        return ConvenePostgresEngine(config={"dsn": url})
    raise DatabaseUrlError("DATABASE_URL must start with sqlite:/// or postgresql://")


class _AppTableMeta(TableMeta):
    """A table's metadata whose engine is the current app's, else the one bound last.

    Piccolo reads ``Table._meta.db`` wherever a query needs its engine (to
    build its SQL and to run it), so answering here is enough for every query.
    """

    @property
    def db(self) -> Engine:
        return _app_engine.get() or TableMeta.db.fget(self)  # type: ignore[attr-defined]

    @db.setter
    def db(self, value: Engine) -> None:
        TableMeta.db.fset(self, value)  # type: ignore[attr-defined]


def bind_engine(engine: Engine, tables: Iterable[type[Table]]) -> None:
    """Point every table (and Piccolo's migration table) at ``engine``, outside any app's work."""
    every: list[type[Table]] = [*tables, Migration]
    for table in every:
        table._meta.__class__ = _AppTableMeta  # same fields, an engine that follows the app
        table._meta.db = engine


@contextmanager
def using_engine(engine: Engine) -> Iterator[None]:
    """Run the enclosed work (an app's request or lifespan) on ``engine``, whatever was bound."""
    token = _app_engine.set(engine)
    try:
        yield
    finally:
        _app_engine.reset(token)


def columns(values: Mapping[str, Any]) -> dict[Column | str, Any]:
    """Values by column name, as Piccolo's ``update()`` takes them.

    Piccolo types the argument ``dict[Column | str, Any]``; a ``dict[str, Any]``
    is the same thing at run time, but dicts are invariant for type checkers.
    """
    return {name: value for name, value in values.items()}


def current_engine() -> Engine:
    """The engine the tables use here: the current app's, else the one bound last."""
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

    Work handed to :func:`after_commit` inside runs once the outermost such
    transaction has committed, and never if it rolls back; rows handed to
    :func:`write_at_commit` are written just before it commits. One opened
    inside a transaction Convene did not open (``engine.transaction()``) cannot
    know when that one commits, so it takes no such work.
    """
    engine = current_engine()
    if _after_commit.get() is not None or engine.current_transaction.get() is not None:
        async with _database_transaction(engine, lock_names):
            yield
        return
    pending: list[Callable[[], Awaitable[None]]] = []
    batches: dict[str, tuple[Rows, Callable[[Rows], Awaitable[None]]]] = {}
    tokens = _after_commit.set(pending), _at_commit.set(batches)
    try:
        async with _database_transaction(engine, lock_names):
            yield
            for rows, write in batches.values():
                await write(rows)
    finally:
        _after_commit.reset(tokens[0])
        _at_commit.reset(tokens[1])
    for work in pending:
        await work()


def _outside() -> OutsideTransaction:
    return OutsideTransaction(
        "No Convene transaction is open here: make the change inside "
        "convene.db.locked_transaction(), not outside one nor inside engine.transaction()"
    )


def write_at_commit(kind: str, row: Any, write: Callable[[Rows], Awaitable[None]]) -> None:
    """Have ``write`` write ``row`` with the others of its ``kind``, just before the enclosing
    :func:`locked_transaction` commits: one statement for all, in the same transaction.

    The audit log writes its entries so: a transaction that records many changes (the door
    deciding a turn of scans) pays for one insert, not one round trip per change.
    """
    batches = _at_commit.get()
    if batches is None:
        raise _outside()
    batches.setdefault(kind, ([], write))[0].append(row)


def after_commit(work: Callable[[], Awaitable[None]]) -> None:
    """Run ``work`` once the enclosing :func:`locked_transaction` has committed.

    Raises :class:`OutsideTransaction` where there is none: a caller that
    wants work to follow a commit must not have it run, or vanish, unnoticed.
    """
    pending = _after_commit.get()
    if pending is None:
        raise _outside()
    pending.append(work)


@asynccontextmanager
async def _database_transaction(engine: Engine, lock_names: Iterable[str]) -> AsyncIterator[None]:
    if isinstance(engine, SQLiteEngine):
        async with _writer_turn(engine):
            async with engine.transaction(transaction_type=TransactionType.immediate):
                yield
        return
    async with engine.transaction():
        # Sorted, so two transactions wanting the same locks never deadlock; in one round trip.
        keys = sorted({lock_key(name) for name in lock_names})
        if len(keys) == 1:
            await Migration.raw("SELECT pg_advisory_xact_lock({})", keys[0])
        elif keys:
            await Migration.raw(
                "SELECT pg_advisory_xact_lock(k) FROM unnest({}::bigint[]) AS k ORDER BY k", keys
            )
        yield


def _writer_turn(engine: SQLiteEngine) -> AbstractAsyncContextManager[Any]:
    """The outermost transaction on a SQLite file waits its turn (see ``writer_turn``)."""
    if engine.current_transaction.get() is not None or not isinstance(engine, ConveneSQLiteEngine):
        return nullcontext()  # a nested transaction already holds the turn
    return engine.writer_turn()


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL's advisory locks, named after what they protect."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
