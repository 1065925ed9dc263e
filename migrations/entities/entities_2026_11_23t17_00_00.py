"""Create the registry of participating entities."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Varchar
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T17:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Participating entities"


class Entity(Table, tablename="entity"):
    short_name = Varchar(length=200, unique=True)
    name = Varchar(length=300)
    category = Varchar(length=20, index=True)
    iso_code = Varchar(length=3, null=True, default=None, unique=True)
    regional_group = Varchar(length=30, null=True, default=None)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="entities", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(Entity)

    manager.add_raw(create)
    return manager
