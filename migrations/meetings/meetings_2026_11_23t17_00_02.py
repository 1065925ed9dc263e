"""Create bodies, sessions, their parts (joint sessions) and officers."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Boolean, Date, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T17:00:02:000000"
VERSION = "1.38.0"
DESCRIPTION = "Bodies, sessions, session parts, officers"


class Entity(Table, tablename="entity"):
    pass


class Body(Table, tablename="body"):
    code = Varchar(length=20, unique=True)
    name = Varchar(length=300)
    short_name = Varchar(length=100)
    symbol_prefix = Varchar(length=60)
    admitted_categories = Varchar(length=200)


class Session(Table, tablename="session"):
    subject = Varchar(length=300, default="")
    start_date = Date()
    end_date = Date()
    venue_name = Varchar(length=200, default="")
    city = Varchar(length=100, default="")
    timezone = Varchar(length=64)
    format = Varchar(length=20)
    status = Varchar(length=20, index=True)
    symbol_prefix = Varchar(length=60)
    in_person_quota = Integer(null=True, default=None)
    online_speaking_quota = Integer(null=True, default=None)
    room_capacity = Integer(null=True, default=None)
    platform_name = Varchar(length=100, default="")
    join_link = Varchar(length=500, default="")
    interpretation_languages = Varchar(length=100, default="")
    admitted_categories = Varchar(length=200)
    registration_opens = Date(null=True, default=None)
    registration_closes = Date(null=True, default=None)
    agenda_status = Varchar(length=20, default="provisional")
    agenda_adopted_on = Date(null=True, default=None)
    participants_published = Boolean(default=False)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class SessionPart(Table, tablename="session_part"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    body = ForeignKey(Body, on_delete=OnDelete.restrict)
    position = Integer(default=1)
    kind = Varchar(length=20)
    number = Integer(null=True, default=None)
    resumption = Integer(null=True, default=None)


class Officer(Table, tablename="officer"):
    session = ForeignKey(Session, on_delete=OnDelete.cascade)
    role = Varchar(length=20)
    honorific = Varchar(length=20, default="")
    name = Varchar(length=200)
    entity = ForeignKey(Entity, null=True, default=None, on_delete=OnDelete.restrict)
    position = Integer(default=1)


INDEXES = [
    "CREATE INDEX session_dates ON session (start_date, end_date)",
    "CREATE UNIQUE INDEX session_part_body ON session_part (session, body)",
    "CREATE INDEX session_part_numbering ON session_part (body, kind, number)",
    # The database's own guard for "one presiding officer per session".
    "CREATE UNIQUE INDEX officer_one_presiding ON officer (session)"
    " WHERE role IN ('president', 'chair')",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="meetings", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(Body, Session, SessionPart, Officer)
        for statement in INDEXES:
            await Session.raw(statement)

    manager.add_raw(create)
    return manager
