"""Each registration keeps the order of its person's names (given name first, or family name first).

Existing registrations get the order their names' letters suggest, as new
ones do when the person does not say (``convene.delegations.names``).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Varchar
from piccolo.table import Table

from convene.delegations.names import default_name_order

ID = "2026-12-02T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Registrations: the order of the person's names"
BATCH = 500


class Registration(Table, tablename="registration"):
    given_name = Varchar(length=100)
    family_name = Varchar(length=100)
    name_order = Varchar(length=12, default="")


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="delegations", description=DESCRIPTION)

    async def add_name_order() -> None:
        await Registration.raw("ALTER TABLE registration ADD COLUMN name_order VARCHAR(12) NOT NULL DEFAULT ''")
        rows = await Registration.select(Registration.id, Registration.given_name, Registration.family_name)
        by_order: dict[str, list[int]] = {}
        for row in rows:
            order = default_name_order(row["given_name"], row["family_name"]).value
            by_order.setdefault(order, []).append(row["id"])
        for order, ids in by_order.items():
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                await Registration.update({Registration.name_order: order}).where(Registration.id.is_in(batch))

    manager.add_raw(add_name_order)
    return manager
