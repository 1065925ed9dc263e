"""Agenda items' titles in the six official languages (English, ``title``, stays the source)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T06:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Agenda item titles in six languages"

TRANSLATED = ("ar", "zh", "fr", "ru", "es")


class AgendaItem(Table, tablename="agenda_item"):
    pass


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="agenda", description=DESCRIPTION)

    async def add_columns() -> None:
        for language in TRANSLATED:
            await AgendaItem.raw(
                f"ALTER TABLE agenda_item ADD COLUMN title_{language} "
                "VARCHAR(500) NOT NULL DEFAULT ''"
            )

    manager.add_raw(add_columns)
    return manager
