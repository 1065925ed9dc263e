"""Personal calendar feed links, and the index a personal feed finds its registrations by."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-11-24T09:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Personal calendar feed links"


class Account(Table, tablename="account"):
    pass


class CalendarFeed(Table, tablename="calendar_feed"):
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    token_hash = Varchar(length=64, unique=True)
    nonce = Varchar(length=64)
    created_at = Timestamptz(default=TimestamptzNow())


INDEXES = [
    # One live link per person: a second insert for the same account is refused.
    "CREATE UNIQUE INDEX calendar_feed_account ON calendar_feed (account)",
    # A personal feed (and its cheap validator) finds the person's registrations by e-mail.
    "CREATE INDEX calendar_registration_email ON registration (email, status)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="calendar", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(CalendarFeed)
        for statement in INDEXES:
            await CalendarFeed.raw(statement)

    manager.add_raw(create)
    return manager
