from piccolo.columns import JSON, ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.accounts.tables import Account


class AuditEntry(Table):
    """One change, written in the same transaction as the change itself.

    ``actor_name`` is a copy taken at the time, so the log still reads
    correctly after the person's account is renamed or removed.
    """

    id = Serial(primary_key=True)
    at = Timestamptz(default=TimestamptzNow())
    actor = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
    actor_name = Varchar(length=200, default="")
    action = Varchar(length=60, index=True)
    object_type = Varchar(length=60)
    object_id = Varchar(length=60, null=True, default=None)
    before = JSON(null=True, default=None)
    after = JSON(null=True, default=None)
    session_id = Integer(null=True, default=None, index=True)
