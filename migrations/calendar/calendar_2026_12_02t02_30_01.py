"""The installation's UID name, so calendar UIDs no longer follow BASE_URL's host.

UIDs used to be ``sitting-42@<host of BASE_URL>``. A database that already
holds sessions has subscribers whose calendars know its events by those
UIDs: it keeps that host as its name for good. A new database gets none
here; a random one is drawn the first time a calendar needs it
(:mod:`convene.calendar.installation`).
"""

import os
from urllib.parse import urlsplit

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Boolean, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-12-02T02:30:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Calendar UIDs named by the installation, not the host"


class CalendarInstallation(Table, tablename="calendar_installation"):
    singleton = Boolean(default=True, unique=True)
    uid_domain = Varchar(length=255)
    created_at = Timestamptz(default=TimestamptzNow())


def host_of_base_url() -> str:
    """The host existing UIDs were built on, as the app built it then."""
    base_url = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return urlsplit(base_url).hostname or "convene.localhost"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="calendar", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(CalendarInstallation)
        [row] = await CalendarInstallation.raw("SELECT count(*) AS sessions FROM session")
        if row["sessions"]:
            await CalendarInstallation.insert(CalendarInstallation(uid_domain=host_of_base_url()))

    manager.add_raw(create)
    return manager
