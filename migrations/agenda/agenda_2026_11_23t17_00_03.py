"""Create agenda items (with sub-items) and documents."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, Integer, OnDelete, Text, Varchar
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T17:00:03:000000"
VERSION = "1.38.0"
DESCRIPTION = "Agenda items and documents"


class Session(Table, tablename="session"):
    pass


class AgendaItem(Table, tablename="agenda_item"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    parent = ForeignKey("self", null=True, default=None, on_delete=OnDelete.cascade)
    position = Integer()
    title = Varchar(length=500)
    description = Text(default="")


class Document(Table, tablename="document"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, null=True, default=None, on_delete=OnDelete.set_null)
    symbol = Varchar(length=80, unique=True)
    title = Varchar(length=500)
    languages = Varchar(length=40, default="en")
    link = Varchar(length=500, default="")


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="agenda", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(AgendaItem, Document)
        await AgendaItem.raw("CREATE INDEX agenda_item_order ON agenda_item (session, parent, position)")

    manager.add_raw(create)
    return manager
