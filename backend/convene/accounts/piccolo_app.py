from piccolo.conf.apps import AppConfig

from convene.accounts.tables import Account, ApiToken
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="accounts",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "accounts"),
    table_classes=[Account, ApiToken],
    migration_dependencies=["convene.entities.piccolo_app"],
)
