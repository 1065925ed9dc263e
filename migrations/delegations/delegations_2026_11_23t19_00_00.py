"""Create delegations, registrations, their history, and check-ins."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Boolean, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T19:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Delegations, registrations, registration events, check-ins"


class Session(Table, tablename="session"):
    pass


class Entity(Table, tablename="entity"):
    pass


class Account(Table, tablename="account"):
    pass


class Sitting(Table, tablename="sitting"):
    pass


class Delegation(Table, tablename="delegation"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    entity = ForeignKey(Entity, on_delete=OnDelete.restrict)
    credentials_reference = Varchar(length=200, default="")
    in_person_quota = Integer(null=True, default=None)
    online_speaking_quota = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Registration(Table, tablename="registration"):
    delegation = ForeignKey(Delegation, on_delete=OnDelete.cascade)
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    honorific = Varchar(length=20, default="")
    given_name = Varchar(length=100)
    family_name = Varchar(length=100)
    function = Varchar(length=200, default="")
    organization = Varchar(length=200, default="")
    email = Varchar(length=254)
    phone = Varchar(length=40, default="")
    mode = Varchar(length=20)
    status = Varchar(length=20)
    is_head = Boolean(default=False)
    badge_code = Varchar(length=12, unique=True)
    waitlisted_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class RegistrationEvent(Table, tablename="registration_event"):
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    at = Timestamptz(default=TimestamptzNow())
    actor = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
    action = Varchar(length=30)
    status = Varchar(length=20)
    mode = Varchar(length=20)
    note = Text(default="")


class CheckIn(Table, tablename="check_in"):
    registration = ForeignKey(Registration, on_delete=OnDelete.cascade)
    sitting = ForeignKey(Sitting, null=True, default=None, on_delete=OnDelete.set_null)
    at = Timestamptz(default=TimestamptzNow())
    by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)


INDEXES = [
    "CREATE UNIQUE INDEX delegation_once ON delegation (session, entity)",
    "CREATE INDEX registration_delegation ON registration (delegation, status, mode)",
    "CREATE INDEX registration_session ON registration (session, status, mode)",
    # The database's own guard: one active registration per person (e-mail) per session.
    "CREATE UNIQUE INDEX registration_person_once ON registration (session, email)"
    " WHERE status IN ('submitted', 'approved', 'waitlisted')",
    "CREATE UNIQUE INDEX registration_one_head ON registration (delegation)"
    " WHERE is_head AND status IN ('submitted', 'approved', 'waitlisted')",
    "CREATE INDEX registration_event_history ON registration_event (registration, at)",
    "CREATE INDEX check_in_registration ON check_in (registration)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="delegations", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(Delegation, Registration, RegistrationEvent, CheckIn)
        for statement in INDEXES:
            await Delegation.raw(statement)

    manager.add_raw(create)
    return manager
