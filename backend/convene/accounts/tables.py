from piccolo.columns import Boolean, ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.entities.tables import Entity


class Account(Table):
    """A person who signs in: secretariat staff, a focal point or a delegate."""

    id = Serial(primary_key=True)
    email = Varchar(length=254, unique=True)
    full_name = Varchar(length=200)
    role = Varchar(length=20, index=True)
    entity = ForeignKey(Entity, null=True, default=None, on_delete=OnDelete.restrict)
    password_hash = Varchar(length=200, null=True, default=None)
    is_active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())
    phone = Varchar(length=40, default="")
    language = Varchar(length=2, default="en")
    """The official language (convene.translation.LANGUAGES) of this person's pages and e-mails."""


class ApiToken(Table):
    """A personal token for integrations; only its hash is kept."""

    id = Serial(primary_key=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    name = Varchar(length=100)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


class WebSession(Table):
    """A signed-in browser: the cookie holds a random key, the database only its hash.

    Kept server-side so that signing out, resetting a password or deactivating
    an account ends the session everywhere at once, on every worker.
    """

    id = Serial(primary_key=True)
    key_hash = Varchar(length=64, unique=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    csrf_token = Varchar(length=64)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    ip_address = Varchar(length=64, default="")
    user_agent = Varchar(length=300, default="")


class AccountLink(Table):
    """A single-use link e-mailed to a person: an invitation or a password reset."""

    id = Serial(primary_key=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    purpose = Varchar(length=20)
    token_hash = Varchar(length=64, unique=True)
    created_by = ForeignKey(Account, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class SignInFailure(Table):
    """One sign-in attempt not (yet) proved right, kept a day to count recent failures.

    ``ip_address`` is the source: the client's address as the server sees it.
    """

    id = Serial(primary_key=True)
    email = Varchar(length=254, index=True)
    ip_address = Varchar(length=64, index=True)
    at = Timestamptz(default=TimestamptzNow(), index=True)

