"""Web sessions, invitation and reset links, sign-in lock-outs, and a phone number."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table, create_db_tables

ID = "2026-11-23T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Web sessions, account links, sign-in lock-outs, account phone"


class Account(Table, tablename="account"):
    pass


class WebSession(Table, tablename="web_session"):
    key_hash = Varchar(length=64, unique=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    csrf_token = Varchar(length=64)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    ip_address = Varchar(length=64, default="")
    user_agent = Varchar(length=300, default="")


class AccountLink(Table, tablename="account_link"):
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    purpose = Varchar(length=20)
    token_hash = Varchar(length=64, unique=True)
    created_by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class SignInFailure(Table, tablename="sign_in_failure"):
    email = Varchar(length=254, index=True)
    ip_address = Varchar(length=64, index=True)
    at = Timestamptz(default=TimestamptzNow(), index=True)


class SignInLock(Table, tablename="sign_in_lock"):
    email = Varchar(length=254, unique=True)
    locked_until = Timestamptz()


STATEMENTS = [
    "ALTER TABLE account ADD COLUMN phone VARCHAR(40) NOT NULL DEFAULT ''",
    "CREATE INDEX account_entity ON account (entity)",
    "CREATE INDEX api_token_account ON api_token (account)",
    "CREATE INDEX web_session_account ON web_session (account)",
    "CREATE INDEX web_session_expires_at ON web_session (expires_at)",
    "CREATE INDEX account_link_account_purpose ON account_link (account, purpose)",
]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def create() -> None:
        await create_db_tables(WebSession, AccountLink, SignInFailure, SignInLock)
        for statement in STATEMENTS:
            await WebSession.raw(statement)

    manager.add_raw(create)
    return manager
