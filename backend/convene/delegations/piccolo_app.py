from piccolo.conf.apps import AppConfig

from convene.delegations.tables import (
    BulkDecision,
    BulkOutcome,
    CheckIn,
    Delegation,
    Registration,
    RegistrationEvent,
)
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="delegations",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "delegations"),
    table_classes=[
        Delegation, Registration, RegistrationEvent, CheckIn, BulkDecision, BulkOutcome
    ],
    migration_dependencies=["convene.sittings.piccolo_app", "convene.accounts.piccolo_app"],
)
