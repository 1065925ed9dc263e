"""PDFs on disk, keyed by a hash of the data they were built from.

Laying out a list of a thousand participants takes seconds; building its
data takes milliseconds. So every request builds the data, hashes it (with
the layout's own fingerprint) and lays the PDF out only when no PDF with
that hash is on disk. Each report keeps only its latest PDF: writing a new
one removes the ones it replaces. Requests that find the same PDF missing at
the same time lay it out once: the first holds the report's file lock while
it builds, and the others, in this worker or another, wait and read its PDF.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import msgspec

from convene.reports.rendering import layout_fingerprint


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

    def get_or_build(
        self, name: str, digest: str, build: Callable[[], bytes]
    ) -> tuple[bytes, bool]:
        """The PDF and whether it came from the cache; built by one caller at a time per report.

        Blocking (it waits for the lock and lays out the PDF): call it in a thread.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / f".{name}.lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            cached = self.get(name, digest)
            if cached is not None:
                return cached, True
            content = build()
            self.put(name, digest, content)
            return content, False

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
