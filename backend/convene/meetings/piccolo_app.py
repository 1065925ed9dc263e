from piccolo.conf.apps import AppConfig

from convene.meetings.tables import Body, Officer, Session, SessionPart
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="meetings",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "meetings"),
    table_classes=[Body, Session, SessionPart, Officer],
    migration_dependencies=["convene.entities.piccolo_app"],
)
