"""PDFs on disk, keyed by a hash of the data they were built from.

Laying out a list of a thousand participants takes seconds; building its
data takes milliseconds. So every request builds the data, hashes it (with
the layout's own fingerprint) and lays the PDF out only when no PDF with
that hash is on disk. Each report keeps only its latest PDF: writing a new
one removes the ones it replaces.

Requests that find the same PDF missing at the same time lay it out once:
the first holds the report's build lock while it builds, and the others wait
and then read its PDF. On PostgreSQL the lock is an advisory lock, which
every worker of every machine sharing the database sees (so machines sharing
a cache directory on a network volume lay a report out once between them,
and machines with a directory each never lay it out at the same time); on
SQLite, which is one machine's file, it is a file lock beside the PDFs.
Within a worker, requests queue on an asyncio lock first, so each worker
holds at most one database connection per report while it waits.

The cache is only ever a copy: a PDF is found under the hash of the data it
shows, so a machine that lacks it (or whose copy was deleted) lays it out
again, and no machine can serve a PDF for data that has since changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import os
import tempfile
import weakref
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import msgspec
from piccolo.engine.postgres import PostgresEngine

from convene.db import current_engine, lock_key
from convene.reports.rendering import layout_fingerprint

FILE_LOCK_POLL_SECONDS = 0.05
_worker_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()


def data_digest(template: str, report: msgspec.Struct) -> str:
    """The cache key: what the PDF shows (its data) and how it is laid out."""
    digest = hashlib.sha256(layout_fingerprint().encode())
    digest.update(template.encode())
    digest.update(msgspec.json.encode(report))
    return digest.hexdigest()


class ReportCache:
    """``<var_dir>/reports/<name>-<digest>.pdf``, written atomically."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, name: str, digest: str) -> Path:
        return self.directory / f"{name}-{digest}.pdf"

    def get(self, name: str, digest: str) -> bytes | None:
        try:
            return self._path(name, digest).read_bytes()
        except FileNotFoundError:
            return None

    async def get_or_build(
        self, name: str, digest: str, build: Callable[[], bytes]
    ) -> tuple[bytes, bool]:
        """The PDF and whether it came from the cache; built by one caller at a time per report.

        ``build`` blocks (it lays the PDF out), so it runs in a worker thread.
        """
        async with self.building(name):
            cached = await asyncio.to_thread(self.get, name, digest)
            if cached is not None:
                return cached, True
            content = await asyncio.to_thread(build)
            await asyncio.to_thread(self.put, name, digest, content)
            return content, False

    @contextlib.asynccontextmanager
    async def building(self, name: str) -> AsyncIterator[None]:
        """Held while report ``name`` is being laid out, by one caller at a time on every machine."""
        lock = _worker_locks.setdefault(f"{self.directory}:{name}", asyncio.Lock())
        async with lock:
            engine = current_engine()
            if isinstance(engine, PostgresEngine):
                async with _advisory_lock(engine, f"report:{name}"):
                    yield
            else:
                async with self._file_lock(name):
                    yield

    @contextlib.asynccontextmanager
    async def _file_lock(self, name: str) -> AsyncIterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / f".{name}.lock", "a+b") as lock:
            while True:  # polled, so a request that goes away stops waiting: no thread left blocked
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when the file closes
                    break
                except BlockingIOError:
                    await asyncio.sleep(FILE_LOCK_POLL_SECONDS)
            yield

    def put(self, name: str, digest: str, content: bytes) -> None:
        """Store the PDF (readers never see half a file), then drop the ones it replaces."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self._path(name, digest)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".partial-", suffix=".pdf")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
        for older in self.directory.glob(f"{name}-*.pdf"):
            if older != target:
                with contextlib.suppress(FileNotFoundError):  # another worker removed it first
                    older.unlink()


@contextlib.asynccontextmanager
async def _advisory_lock(engine: PostgresEngine, name: str) -> AsyncIterator[None]:
    """A session-level advisory lock on a connection of its own, outside the pool.

    A layout takes seconds: holding a pooled connection that long would starve
    the worker's other requests. If the process dies, its connection closes
    and PostgreSQL releases the lock.
    """
    connection = await engine.get_new_connection()
    try:
        await connection.execute("SELECT pg_advisory_lock($1)", lock_key(name))
        yield
    finally:
        await connection.close()  # ends the session, and so releases the lock
