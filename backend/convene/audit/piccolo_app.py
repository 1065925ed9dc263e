from piccolo.conf.apps import AppConfig

from convene.audit.tables import AuditEntry
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="audit",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "audit"),
    table_classes=[AuditEntry],
    migration_dependencies=["convene.accounts.piccolo_app"],
)
