"""Sessions count the changes their calendar events show (iCalendar SEQUENCE)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Session calendar sequence"


class Session(Table, tablename="session"):
    pass


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="meetings", description=DESCRIPTION)

    async def add_sequence() -> None:
        await Session.raw("ALTER TABLE session ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0")

    manager.add_raw(add_sequence)
    return manager
