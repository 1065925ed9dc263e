"""Create sittings and the agenda items each takes up."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T17:00:04:000000"
VERSION = "1.38.0"
DESCRIPTION = "Sittings and their agenda items"


class Session(Table, tablename="session"):
    pass


class AgendaItem(Table, tablename="agenda_item"):
    pass


class Sitting(Table, tablename="sitting"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    title = Varchar(length=200)
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    room = Varchar(length=100, default="")
    online_link = Varchar(length=500, default="")
    status = Varchar(length=20, default="scheduled")
    sequence = Integer(default=0)
    updated_at = Timestamptz(default=TimestamptzNow())


class SittingItem(Table, tablename="sitting_item"):
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, on_delete=OnDelete.cascade)
    position = Integer(default=1)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="sittings", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(Sitting, SittingItem)
        await Sitting.raw("CREATE INDEX sitting_session ON sitting (session, starts_at)")
        await Sitting.raw("CREATE INDEX sitting_room ON sitting (room, starts_at)")
        await SittingItem.raw("CREATE UNIQUE INDEX sitting_item_once ON sitting_item (sitting, agenda_item)")

    manager.add_raw(create)
    return manager
