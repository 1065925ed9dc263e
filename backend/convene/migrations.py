"""Running Piccolo's migrations forwards, quietly, and saying what changed.

Piccolo's runner finds its engine through ``piccolo_conf`` (``DATABASE_URL``),
so the caller sets that before calling :func:`migrate_forwards`.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration
from piccolo.engine.sqlite import SQLiteEngine

from convene.db import SQLITE_PREFIX
from convene.registry import app_registry, known_migrations


class MigrationFailed(RuntimeError):
    pass


async def migrate_forwards(database_url: str) -> list[str]:
    """Apply every pending migration; return "app:id" for each one applied."""
    if database_url.startswith(SQLITE_PREFIX):
        Path(database_url.removeprefix(SQLITE_PREFIX)).parent.mkdir(parents=True, exist_ok=True)
    before = await ran_migrations()
    piccolo_output = io.StringIO()
    with contextlib.redirect_stdout(piccolo_output):
        result = await run_forwards(app_name="all")
    if not result.success:
        raise MigrationFailed(f"{result.message}\n{piccolo_output.getvalue()}")
    await _prefer_wal()
    applied = known_migrations(app_registry()) & (await ran_migrations() - before)
    return sorted(f"{app}:{name}" for app, name in applied)


async def ran_migrations() -> set[tuple[str, str]]:
    """The migrations the database has run; raises if the database cannot be reached."""
    await Migration.raw("SELECT 1")
    if not await Migration.table_exists().run():
        return set()
    rows = await Migration.select(Migration.app_name, Migration.name).run()
    return {(row["app_name"], row["name"]) for row in rows}


async def _prefer_wal() -> None:
    """SQLite in WAL mode lets readers carry on while one request writes."""
    if isinstance(Migration._meta.db, SQLiteEngine):
        await Migration.raw("PRAGMA journal_mode=WAL").run()
