"""A person may be registered by two entities (the secretariat resolves it); bulk decisions are kept.

The unique index on (session, e-mail) made a second entity's registration of the same address
fail, which told that focal point the address was registered elsewhere. A person is now
registered once per delegation, and approved once per session; the records of bulk decisions
let the secretariat's queue show each item's outcome after the action.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-12-02T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Registrations once per delegation and approved once per session; bulk decisions"


class Session(Table, tablename="session"):
    pass


class Account(Table, tablename="account"):
    pass


class BulkDecision(Table, tablename="bulk_decision"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    actor = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
    decision = Varchar(length=10)
    reason = Text(default="")
    at = Timestamptz(default=TimestamptzNow())


class BulkOutcome(Table, tablename="bulk_outcome"):
    bulk_decision = ForeignKey(BulkDecision, on_delete=OnDelete.cascade)
    registration_id = Integer()
    outcome = Varchar(length=10)
    status = Varchar(length=20, null=True, default=None)
    reason = Text(default="")


STATEMENTS = [
    "DROP INDEX registration_person_once",
    "CREATE UNIQUE INDEX registration_person_once_per_delegation ON registration (delegation, email)"
    " WHERE status IN ('submitted', 'approved', 'waitlisted')",
    "CREATE UNIQUE INDEX registration_approved_once ON registration (session, email)"
    " WHERE status = 'approved'",
    "CREATE INDEX registration_session_email ON registration (session, email)",
    "CREATE INDEX bulk_outcome_decision ON bulk_outcome (bulk_decision)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="delegations", description=DESCRIPTION)

    async def change() -> None:
        await create_db_tables(BulkDecision, BulkOutcome)
        for statement in STATEMENTS:
            await BulkDecision.raw(statement)

    manager.add_raw(change)
    return manager
