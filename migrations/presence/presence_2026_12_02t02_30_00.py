"""Hybrid sittings: seats at the table, quorum rules, seat plans, door scans, who is in, who is online."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-12-02T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = (
    "Hybrid setup, delegation seats, quorum rules, seat plans, door scans, in room, online visits"
)


class Session(Table, tablename="session"):
    pass


class Body(Table, tablename="body"):
    pass


class Sitting(Table, tablename="sitting"):
    pass


class Delegation(Table, tablename="delegation"):
    pass


class Registration(Table, tablename="registration"):
    pass


class Account(Table, tablename="account"):
    pass


class HybridSetup(Table, tablename="hybrid_setup"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    seats_at_table = Integer(default=2)
    listening_link = Varchar(length=500, default="")


class DelegationSeats(Table, tablename="delegation_seats"):
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    seats_at_table = Integer()


class QuorumRule(Table, tablename="quorum_rule"):
    body = ForeignKey(Body, on_delete=OnDelete.cascade)
    opening_numerator = Integer(default=1)
    opening_denominator = Integer(default=3)
    decision_numerator = Integer(default=1)
    decision_denominator = Integer(default=2)


class SeatPlan(Table, tablename="seat_plan"):
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)


class DoorScan(Table, tablename="door_scan"):
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    direction = Varchar(length=3)
    scanned_at = Timestamptz()
    idempotency_key = Varchar(length=100, unique=True)
    door = Varchar(length=50, default="")
    outcome = Varchar(length=20)
    received_at = Timestamptz(default=TimestamptzNow())
    by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)


class InRoom(Table, tablename="in_room"):
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    since = Timestamptz()


class OnlineVisit(Table, tablename="online_visit"):
    sitting = ForeignKey(Sitting, on_delete=OnDelete.cascade)
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    mode = Varchar(length=20)
    joined_at = Timestamptz()
    last_seen_at = Timestamptz()
    left_at = Timestamptz(null=True, default=None)
    source = Varchar(length=20, default="link")


TABLES = [HybridSetup, DelegationSeats, QuorumRule, SeatPlan, DoorScan, InRoom, OnlineVisit]

INDEXES = [
    "CREATE UNIQUE INDEX hybrid_setup_once ON hybrid_setup (session)",
    "CREATE UNIQUE INDEX delegation_seats_once ON delegation_seats (delegation)",
    "CREATE UNIQUE INDEX quorum_rule_once ON quorum_rule (body)",
    "CREATE UNIQUE INDEX seat_plan_once ON seat_plan (sitting, registration)",
    "CREATE INDEX door_scan_sitting ON door_scan (sitting, scanned_at)",
    # The database's own guard: a person is inside a sitting's room at most once.
    "CREATE UNIQUE INDEX in_room_once ON in_room (sitting, registration)",
    "CREATE INDEX in_room_delegation ON in_room (sitting, delegation)",
    "CREATE INDEX online_visit_sitting ON online_visit (sitting, registration)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="presence", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(*TABLES)
        for statement in INDEXES:
            await HybridSetup.raw(statement)

    manager.add_raw(create)
    return manager
