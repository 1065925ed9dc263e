from piccolo.columns import Boolean, ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.entities.tables import Entity


class Account(Table):
    """A person who signs in: secretariat staff, a focal point or a delegate."""

    email = Varchar(length=254, unique=True)
    full_name = Varchar(length=200)
    role = Varchar(length=20, index=True)
    entity = ForeignKey(Entity, null=True, default=None, on_delete=OnDelete.restrict)
    password_hash = Varchar(length=200, null=True, default=None)
    is_active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class ApiToken(Table):
    """A personal token for integrations; only its hash is kept."""

    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    name = Varchar(length=100)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)
