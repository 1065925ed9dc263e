from piccolo.conf.apps import AppConfig

from convene.agenda.tables import AgendaItem, Document
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="agenda",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "agenda"),
    table_classes=[AgendaItem, Document],
    migration_dependencies=["convene.meetings.piccolo_app"],
)
