"""Create the audit log: who changed what, when, from what to what."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import JSON, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T18:00:02:000000"
VERSION = "1.38.0"
DESCRIPTION = "Audit log"


class Account(Table, tablename="account"):
    pass


class AuditEntry(Table, tablename="audit_entry"):
    at = Timestamptz(default=TimestamptzNow())
    actor = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
    actor_name = Varchar(length=200, default="")
    action = Varchar(length=60, index=True)
    object_type = Varchar(length=60)
    object_id = Varchar(length=60, null=True, default=None)
    before = JSON(null=True, default=None)
    after = JSON(null=True, default=None)
    session_id = Integer(null=True, default=None, index=True)


INDEXES = [
    "CREATE INDEX audit_entry_at ON audit_entry (at)",
    "CREATE INDEX audit_entry_actor ON audit_entry (actor, at)",
    "CREATE INDEX audit_entry_object ON audit_entry (object_type, object_id)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="audit", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(AuditEntry)
        for statement in INDEXES:
            await AuditEntry.raw(statement)

    manager.add_raw(create)
    return manager
