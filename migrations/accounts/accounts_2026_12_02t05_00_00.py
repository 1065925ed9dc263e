"""Each account's language: the official language of its pages and its e-mails."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T05:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Account language"


class Account(Table, tablename="account"):
    pass


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def change() -> None:
        await Account.raw("ALTER TABLE account ADD COLUMN language VARCHAR(2) NOT NULL DEFAULT 'en'")

    manager.add_raw(change)
    return manager
