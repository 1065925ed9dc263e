from piccolo.conf.apps import AppConfig

from convene.mail.tables import OutboxMessage
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="mail",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "mail"),
    table_classes=[OutboxMessage],
)
