"""SQLite through Piccolo, with connections kept open while an app runs.

Piccolo opens a new SQLite connection, and with it a new thread (aiosqlite),
for every query outside a transaction and for every transaction, and closes
it after. Under load that is most of a request's time. While an app runs
(:func:`convene.app` lifespan) its engine keeps up to ``KEPT`` idle
connections and hands them out again; outside an app (the CLI, tests'
fixtures) queries run as Piccolo runs them.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

import aiosqlite
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType, dict_factory

from convene.transactions import ReleasingExit

_writer_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)
KEPT = 8
"""Idle connections kept: enough for one worker's concurrent reads (WAL runs them side by side)."""


class KeptConnections:
    """Idle connections of one engine, for the event loop of the app that opened them."""

    def __init__(self, engine: ConveneSQLiteEngine) -> None:
        self.engine = engine
        self.loop = asyncio.get_running_loop()
        self.idle: list[aiosqlite.Connection] = []

    async def take(self) -> aiosqlite.Connection:
        if self.idle:
            return self.idle.pop()
        return await self.engine.new_connection()

    async def give_back(self, connection: aiosqlite.Connection) -> None:
        """Keep a connection that is in a clean state; close any other (or one too many)."""
        if len(self.idle) < KEPT and not connection.in_transaction:
            self.idle.append(connection)
        else:
            await connection.close()

    async def close(self) -> None:
        idle, self.idle = self.idle, []
        for connection in idle:
            await connection.close()


class KeptConnectionTransaction(ReleasingExit, SQLiteTransaction):
    """Piccolo's SQLite transaction, whose connection goes back to the engine's kept ones."""

    engine: ConveneSQLiteEngine

    async def undo(self) -> None:
        await self.rollback()

    async def release(self) -> None:
        await self.engine.give_back(self.connection)


class ConveneSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLite engine, keeping connections open between queries while an app runs."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kept: KeptConnections | None = None

    async def keep_connections(self) -> None:
        self.kept = KeptConnections(self)

    async def close_kept_connections(self) -> None:
        kept, self.kept = self.kept, None
        if kept is not None:
            await kept.close()

    def writer_turn(self) -> asyncio.Lock:
        """Writes to this SQLite file in this process wait their turn here, first come first served.

        SQLite has a single writer. Without a queue, writers waiting for its
        lock poll it with growing sleeps (its busy handler): latecomers overtake,
        and under load a request waits seconds, a lone statement outside a
        transaction the whole time the others keep the lock busy. Within one
        process (SQLite serves with one worker: ``convene serve``) they queue in
        order instead: every write transaction (``convene.db``) and every write
        statement outside one.
        """
        turns = _writer_turns.setdefault(asyncio.get_running_loop(), {})
        return turns.setdefault(self.path, asyncio.Lock())

    def _kept_here(self) -> KeptConnections | None:
        kept = self.kept
        return kept if kept is not None and kept.loop is asyncio.get_running_loop() else None

    async def new_connection(self) -> aiosqlite.Connection:
        """A connection as Piccolo opens one: rows as dicts, foreign keys enforced."""
        connection = await aiosqlite.connect(**self.connection_kwargs)
        connection.row_factory = dict_factory  # type: ignore[assignment]
        await connection.execute("PRAGMA foreign_keys = 1")
        return connection

    async def get_connection(self) -> aiosqlite.Connection:
        kept = self._kept_here()
        return await kept.take() if kept is not None else await self.new_connection()

    async def give_back(self, connection: aiosqlite.Connection) -> None:
        kept = self._kept_here()
        if kept is not None:
            await kept.give_back(connection)
        else:
            await connection.close()

    def transaction(
        self,
        transaction_type: TransactionType = TransactionType.deferred,
        allow_nested: bool = True,
    ) -> SQLiteTransaction:
        return KeptConnectionTransaction(
            engine=self, transaction_type=transaction_type, allow_nested=allow_nested
        )

    async def _run_in_new_connection(
        self,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: Any = None,
    ) -> Any:
        """One statement outside a transaction, committed, in one trip (two for a write)."""
        if query.lstrip()[:6].upper() == "SELECT":
            return await self._run_alone(query, args, query_type, table)
        async with self.writer_turn():
            return await self._run_alone(query, args, query_type, table)

    async def _run_alone(
        self, query: str, args: list[Any] | None, query_type: str, table: Any
    ) -> Any:
        kept = self._kept_here()
        if kept is None or (query_type == "insert" and self.get_version_sync() < 3.35):
            return await super()._run_in_new_connection(query, args, query_type, table)
        connection = await kept.take()
        try:
            rows = await connection.execute_fetchall(query, args or [])  # one trip to its thread
            if connection.in_transaction:  # a write began one: commit it, as Piccolo does
                await connection.commit()
        except BaseException:
            await connection.close()  # in whatever state it was left: not kept
            raise
        await kept.give_back(connection)
        return rows

    async def _run_in_existing_connection(
        self,
        connection: Any,
        query: str,
        args: list[Any] | None = None,
        query_type: str = "generic",
        table: Any = None,
    ) -> Any:
        """A statement in the open transaction in one trip to the connection's thread.

        Piccolo makes three (a PRAGMA, the statement, its rows); each trip is a
        thread switch, which under load costs more than the statement.

        Its ``PRAGMA foreign_keys`` does nothing inside a transaction; every
        connection turned it on when it was opened (:meth:`new_connection`).
        """
        if query_type == "insert" and self.get_version_sync() < 3.35:
            return await super()._run_in_existing_connection(
                connection, query, args, query_type, table
            )
        return await connection.execute_fetchall(query, args or [])
