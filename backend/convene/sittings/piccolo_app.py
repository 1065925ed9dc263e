from piccolo.conf.apps import AppConfig

from convene.settings import PROJECT_ROOT
from convene.sittings.tables import Sitting, SittingItem

APP_CONFIG = AppConfig(
    app_name="sittings",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "sittings"),
    table_classes=[Sitting, SittingItem],
    migration_dependencies=["convene.agenda.piccolo_app"],
)
