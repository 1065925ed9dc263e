from piccolo.conf.apps import AppConfig

from convene.presence.tables import (
    DelegationSeats,
    DoorScan,
    HybridSetup,
    InRoom,
    OnlineVisit,
    QuorumRule,
    SeatPlan,
)
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="presence",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "presence"),
    table_classes=[
        HybridSetup,
        DelegationSeats,
        QuorumRule,
        SeatPlan,
        DoorScan,
        InRoom,
        OnlineVisit,
    ],
    migration_dependencies=["convene.delegations.piccolo_app", "convene.meetings.piccolo_app"],
)
