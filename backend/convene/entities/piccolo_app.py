from piccolo.conf.apps import AppConfig

from convene.entities.tables import Entity
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="entities",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "entities"),
    table_classes=[Entity],
)
