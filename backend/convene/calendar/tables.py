from piccolo.columns import Boolean, ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from convene.accounts.tables import Account


class CalendarFeed(Table):
    """A person's secret feed link: at most one live link per account.

    The link's token is an HMAC of ``nonce`` under the app's secret key, so the
    page can show the same link again; the database keeps only the nonce and
    the token's SHA-256, which is what a feed request is looked up by. Someone
    who reads the database (a leaked backup, say) cannot rebuild a link.
    Rotating draws a new nonce; revoking deletes the row.
    """

    id = Serial(primary_key=True)
    account = ForeignKey(Account, on_delete=OnDelete.cascade)
    token_hash = Varchar(length=64, unique=True)
    nonce = Varchar(length=64)
    created_at = Timestamptz(default=TimestamptzNow())


class CalendarInstallation(Table):
    """This installation's name in every calendar UID (``sitting-42@<uid_domain>``), set once.

    Calendar programs know an event by its UID: were it built on the site's
    host, moving the site to another domain would replace every event in
    every subscriber's calendar. So the name is drawn once, at random, the
    first time a calendar needs it (an installation that existed before
    keeps the host its UIDs were built on: see the calendar migration of
    2 December 2026), and never changes after.
    """

    id = Serial(primary_key=True)
    singleton = Boolean(default=True, unique=True)
    """Always true: the unique index keeps the table to one row, even with workers racing."""
    uid_domain = Varchar(length=255)
    created_at = Timestamptz(default=TimestamptzNow())
