from piccolo.conf.apps import AppConfig

from convene.proposals.tables import Proposal, ProposalVersion, Sponsorship
from convene.settings import PROJECT_ROOT

APP_CONFIG = AppConfig(
    app_name="proposals",
    migrations_folder_path=str(PROJECT_ROOT / "migrations" / "proposals"),
    table_classes=[Proposal, ProposalVersion, Sponsorship],
    migration_dependencies=[
        "convene.agenda.piccolo_app",
        "convene.accounts.piccolo_app",
        "convene.entities.piccolo_app",
    ],
)
