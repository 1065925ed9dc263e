"""Bodies' names and sessions' corrected titles in the six official languages.

English stays the source (``body.name``); ``name_fr`` and the others are its
translations, empty until given. ``session.title`` and ``title_fr`` and the
others are the secretariat's corrections of the derived title, empty while
the derived one stands.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T06:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Names and titles in six languages"

TRANSLATED = ("ar", "zh", "fr", "ru", "es")


class Body(Table, tablename="body"):
    pass


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="meetings", description=DESCRIPTION)

    async def add_columns() -> None:
        for language in TRANSLATED:
            await Body.raw(
                f"ALTER TABLE body ADD COLUMN name_{language} VARCHAR(300) NOT NULL DEFAULT ''"
            )
        for column in ("title", *(f"title_{language}" for language in TRANSLATED)):
            await Body.raw(
                f"ALTER TABLE session ADD COLUMN {column} VARCHAR(500) NOT NULL DEFAULT ''"
            )

    manager.add_raw(add_columns)
    return manager
