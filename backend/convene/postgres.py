"""PostgreSQL through Piccolo, with transactions that always give their connection back.

Piccolo's transaction returns its connection to the pool only after a rollback
or commit that worked. When the server kills the connection mid-transaction
(``pg_terminate_backend``, a restart, a failover), the rollback fails too, the
connection is never returned, and at shutdown the pool waits for it for ever:
the worker hangs on "Waiting for application shutdown". Here the connection
goes back (or is discarded) whatever happened, and the caller sees the error
that broke the transaction.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import asyncpg
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.table import Table

from convene.transactions import ReleasingExit

logger = logging.getLogger("convene.db")

POOL_CLOSE_SECONDS = 3
"""At shutdown, how long connections still out may take to come back before they are cut."""
BROKEN_CONNECTION_ERRORS = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError)
"""What a rollback on a connection the server has dropped can raise."""


class ReleasingTransaction(ReleasingExit, PostgresTransaction):
    """A Piccolo transaction whose connection is released on every way out."""

    async def __aenter__(self) -> PostgresTransaction:
        if self._parent is not None:
            return self._parent
        self.connection = await self.get_connection()
        try:
            self.transaction = self.connection.transaction()
            await self.begin()
        except BaseException:
            await self.release()
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def undo(self) -> None:
        """Roll back; if the connection is broken, the pool drops it when it is given back.

        (A connection the server closed has rolled back with it.)
        """
        try:
            await self.rollback()
        except BROKEN_CONNECTION_ERRORS as error:
            logger.warning("rollback failed, connection discarded: %s", error)

    async def release(self) -> None:
        if self.engine.pool:
            # A closed connection is dropped; one left mid-transaction is reset or dropped.
            await self.engine.pool.release(self.connection)
        elif not self.connection.is_closed():
            await self.connection.close()


class ConvenePostgresEngine(PostgresEngine):
    """Piccolo's PostgreSQL engine with :class:`ReleasingTransaction`."""

    def transaction(self, allow_nested: bool = True) -> PostgresTransaction:
        return ReleasingTransaction(engine=self, allow_nested=allow_nested)


async def keep_session(_connection: asyncpg.Connection) -> None:
    """Nothing to undo when a pooled connection comes back, beyond asyncpg's own rollback.

    asyncpg always rolls back a transaction left open and drops listeners; its default reset
    also sends ``SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`` at every
    release: one more round trip (and its work) for every query run outside a transaction.
    Convene leaves nothing in a session to reset: its advisory locks end with their
    transaction, and it sets no setting, listens on no channel, keeps no cursor.
    """


def reading_the_tables(
    tables: Iterable[type[Table]],
) -> Callable[[asyncpg.Connection], Awaitable[None]]:
    """What a new pooled connection does first: plan a query of every table, and learn the
    arrays of every type their columns hold.

    A new connection is a new database process, which reads a table's description (its
    columns, indexes, types) from the catalogue the first time a query names it: a few
    milliseconds per table. asyncpg, for its part, asks the catalogue about an array type the
    first time a statement takes or gives one (four round trips), and Convene sends its lists
    as arrays (:mod:`convene.statements`). The first requests on each connection waited for
    both; here, when a served worker opens its pool, it takes two round trips. Nothing is read
    and no row is locked.
    """
    tables = list(tables)
    queries = "; ".join(f'SELECT * FROM "{table._meta.tablename}" LIMIT 0' for table in tables)
    arrays = ", ".join(f"NULL::{kind}[]" for kind in sorted(_column_types(tables) | {"BIGINT"}))

    async def init(connection: asyncpg.Connection) -> None:
        await connection.execute(queries)
        await connection.prepare(f"SELECT {arrays}")  # BIGINT: the keys of advisory locks

    return init


def _column_types(tables: Iterable[type[Table]]) -> set[str]:
    """The types of the tables' columns, without their sizes (``VARCHAR(60)``: ``VARCHAR``)."""
    kinds = {column.column_type.split("(")[0] for table in tables for column in table._meta.columns}
    return {SERIAL_IS.get(kind, kind) for kind in kinds}


SERIAL_IS = {"SERIAL": "INTEGER", "BIGSERIAL": "BIGINT"}
"""A serial column is an integer with a default: there is no array of serials."""


async def close_pool(engine: Engine[Any]) -> None:
    """Close the pool, waiting at most ``POOL_CLOSE_SECONDS`` for connections still in use.

    A worker told to stop must stop: whatever still holds a connection then
    (a request cut off at shutdown) loses it.
    """
    if not isinstance(engine, PostgresEngine) or engine.pool is None:
        return
    pool = engine.pool
    try:
        await asyncio.wait_for(pool.close(), POOL_CLOSE_SECONDS)
    except TimeoutError:
        logger.warning("connections in use %s s into shutdown: cut off", POOL_CLOSE_SECONDS)
        pool.terminate()
    engine.pool = None


async def renew_connections(engine: Engine[Any]) -> None:
    """After a lost connection, take no other pooled connection on trust: each is replaced.

    When the server has cut one connection it has often cut them all (a
    restart, a failover, ``pg_terminate_backend`` over the database), and a
    cut connection can look idle to the client until it is used. Connections
    in use are closed when they come back; the others are reopened when next
    taken.
    """
    if isinstance(engine, PostgresEngine) and engine.pool is not None:
        await engine.pool.expire_connections()
