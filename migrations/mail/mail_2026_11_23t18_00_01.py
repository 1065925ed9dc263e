"""Create the outbox of e-mail waiting to be (or already) sent."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import JSON, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T18:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Outbox of e-mail messages"


class OutboxMessage(Table, tablename="outbox_message"):
    recipient = Varchar(length=254)
    subject = Varchar(length=300)
    text = Text()
    html = Text(null=True, default=None)
    attachments = JSON(default="[]")
    status = Varchar(length=10, index=True)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(default=TimestamptzNow())
    claimed_until = Timestamptz(null=True, default=None)
    last_error = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    sent_at = Timestamptz(null=True, default=None)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="mail", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(OutboxMessage)
        await OutboxMessage.raw(
            "CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at)"
        )

    manager.add_raw(create)
    return manager
