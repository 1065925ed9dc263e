"""Create accounts and personal API tokens."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Boolean, ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T17:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Accounts and API tokens"


class Entity(Table, tablename="entity"):
    pass


class Account(Table, tablename="account"):
    email = Varchar(length=254, unique=True)
    full_name = Varchar(length=200)
    role = Varchar(length=20, index=True)
    entity = ForeignKey(Entity, null=True, default=None, on_delete=OnDelete.restrict)
    password_hash = Varchar(length=200, null=True, default=None)
    is_active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class ApiToken(Table, tablename="api_token"):
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    name = Varchar(length=100)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(Account, ApiToken)

    manager.add_raw(create)
    return manager
