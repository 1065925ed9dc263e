from piccolo.conf.apps import AppConfig

from convene.accounts.tables import (
    Account,
    AccountLink,
    ApiToken,
    SignInFailure,
    WebSession,
)
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="accounts",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "accounts"),
    table_classes=[Account, ApiToken, WebSession, AccountLink, SignInFailure],
    migration_dependencies=["convene.entities.piccolo_app"],
)
