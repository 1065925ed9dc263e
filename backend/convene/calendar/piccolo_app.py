from piccolo.conf.apps import AppConfig

from convene.calendar.tables import CalendarFeed, CalendarInstallation
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="calendar",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "calendar"),
    table_classes=[CalendarFeed, CalendarInstallation],
    migration_dependencies=[
        "convene.accounts.piccolo_app",
        "convene.delegations.piccolo_app",
        "convene.meetings.piccolo_app",
    ],
)
