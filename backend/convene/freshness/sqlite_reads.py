"""Feed validators on SQLite: one read on a connection each worker thread keeps open.

Piccolo's SQLite engine opens a new connection, in a new thread, for every
query, and SQLite then reads the schema and compiles the statement afresh:
about 3 ms of CPU for the one aggregate query a 304 needs, twice what it
costs to send the whole feed from memory (measured by bench/calendar_feeds.py).
Feeds are polled all day, so their validator reads through a connection
that each thread of the default executor keeps, with its schema and its
compiled statements cached: one thread hop and a fraction of a millisecond.

Only plain reads outside any transaction come here; in autocommit mode each
read sees everything committed before it. A connection is opened again if
the database file is replaced (a new inode at the same path).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from typing import Any

_local = threading.local()


async def fetch(path: str, sql: str, args: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Rows of ``sql`` (with ``?`` placeholders) as dicts, read in a worker thread."""
    return await asyncio.to_thread(_fetch, path, sql, args)


def _fetch(path: str, sql: str, args: tuple[Any, ...]) -> list[dict[str, Any]]:
    cursor = _connection(path).execute(sql, args)
    try:
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        cursor.close()


def _connection(path: str) -> sqlite3.Connection:
    connections: dict[str, tuple[tuple[int, int], sqlite3.Connection]] = _local.__dict__.setdefault(
        "connections", {}
    )
    stat = os.stat(path)
    identity = (stat.st_dev, stat.st_ino)
    kept = connections.get(path)
    if kept is not None and kept[0] == identity:
        return kept[1]
    if kept is not None:
        kept[1].close()
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, cached_statements=32)
    connections[path] = (identity, connection)
    return connection
