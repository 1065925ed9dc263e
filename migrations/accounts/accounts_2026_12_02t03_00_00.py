"""Sign-in throttling per account and source: no account is ever locked, so no lock table."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Drop sign-in locks; index failures by address and source"


class SignInFailure(Table, tablename="sign_in_failure"):
    pass


STATEMENTS = [
    "DROP TABLE IF EXISTS sign_in_lock",
    "CREATE INDEX sign_in_failure_email_source ON sign_in_failure (email, ip_address, at)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def change() -> None:
        for statement in STATEMENTS:
            await SignInFailure.raw(statement)

    manager.add_raw(change)
    return manager
