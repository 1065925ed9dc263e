"""Create proposals (draft resolutions and decisions), their versions and their sponsorships."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Boolean, Date, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-12-02T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Proposals, proposal versions, sponsorships"


class Session(Table, tablename="session"):
    pass


class AgendaItem(Table, tablename="agenda_item"):
    pass


class Entity(Table, tablename="entity"):
    pass


class Account(Table, tablename="account"):
    pass


class Proposal(Table, tablename="proposal"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    agenda_item = ForeignKey(AgendaItem, null=True, default=None, on_delete=OnDelete.set_null)
    kind = Varchar(length=20)
    serial = Integer()
    status = Varchar(length=20, index=True)
    sponsorship_deadline = Timestamptz(null=True, default=None)
    outcome = Varchar(length=30, null=True, default=None)
    acted_on = Date(null=True, default=None)
    adopted_number = Integer(null=True, default=None)
    adopted_symbol = Varchar(length=40, default="")
    amendments = Text(default="")
    adopted_text = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class ProposalVersion(Table, tablename="proposal_version"):
    proposal = ForeignKey(Proposal, on_delete=OnDelete.cascade)
    revision = Integer()
    symbol = Varchar(length=80, unique=True)
    title = Varchar(length=500)
    text = Text(default="")
    sponsors = Text(default="")
    sponsors_line = Varchar(length=2000, default="")
    issued_on = Date(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Sponsorship(Table, tablename="sponsorship"):
    proposal = ForeignKey(Proposal, on_delete=OnDelete.cascade)
    entity = ForeignKey(Entity, on_delete=OnDelete.restrict)
    is_main = Boolean(default=False)
    joined_at = Timestamptz(default=TimestamptzNow())
    withdrawn_at = Timestamptz(null=True, default=None)
    changed_by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)


INDEXES = [
    # One L number per session, one adopted number per session and kind: the database's own guard.
    "CREATE UNIQUE INDEX proposal_serial ON proposal (session, serial)",
    "CREATE UNIQUE INDEX proposal_adopted_number ON proposal (session, kind, adopted_number)",
    "CREATE UNIQUE INDEX proposal_version_revision ON proposal_version (proposal, revision)",
    # A State sponsors a proposal once; withdrawing and rejoining change the same row.
    "CREATE UNIQUE INDEX sponsorship_once ON sponsorship (proposal, entity)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="proposals", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(Proposal, ProposalVersion, Sponsorship)
        for statement in INDEXES:
            await Proposal.raw(statement)

    manager.add_raw(create)
    return manager
