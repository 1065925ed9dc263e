"""The validators' SQLite reader: kept connections that still see every change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from convene.freshness.sqlite_reads import fetch


def _database(path: Path, value: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS note (text TEXT)")
        connection.execute("DELETE FROM note")
        connection.execute("INSERT INTO note VALUES (?)", (value,))
    connection.close()


async def test_a_kept_connection_sees_commits_and_a_replaced_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.sqlite3"
    _database(path, "first")
    assert await fetch(str(path), "SELECT text FROM note WHERE text <> ?", ("",)) == [{"text": "first"}]
    _database(path, "second")  # committed by another connection
    assert await fetch(str(path), "SELECT text FROM note", ()) == [{"text": "second"}]
    path.unlink()
    _database(path, "third")  # a new file at the same path
    assert await fetch(str(path), "SELECT text FROM note", ()) == [{"text": "third"}]
